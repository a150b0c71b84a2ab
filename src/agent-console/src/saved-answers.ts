// Saved answers: "/" at the start of the reply box opens the picker (a listbox), and a few letters after it keep the
// answers whose shortcut starts so or whose title contains them. Arrow keys move the highlight, Enter or a click puts
// the answer's text (with its help-centre and video links) in the box, Escape closes the picker.

import type { SavedAnswer } from "@chat/shared/contracts";
import type { ConsoleContext } from "./context";
import { el, Listeners } from "./dom";

export interface SavedAnswersElements {
  /** The reply form: the picker takes its keys before the reply box sends on Enter. */
  form: HTMLFormElement;
  input: HTMLTextAreaElement;
  list: HTMLUListElement;
}

export class SavedAnswersPanel {
  private readonly listeners = new Listeners();
  private answers: SavedAnswer[] = [];
  private matches: SavedAnswer[] = [];
  private active = 0;

  constructor(
    private readonly context: ConsoleContext,
    private readonly elements: SavedAnswersElements,
  ) {
    const { form, input, list } = elements;
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-controls", list.id);
    list.setAttribute("role", "listbox");
    this.listeners.on(input, "input", this.onInput);
    this.listeners.on(form, "keydown", this.onKeyDown, { capture: true });
  }

  stop(): void {
    this.listeners.stop();
    this.close();
  }

  /** After every (re)connect, in the console's language. */
  async load(): Promise<void> {
    this.answers = await this.context.hub.invoke("GetSavedAnswers", this.context.language());
  }

  private get open(): boolean {
    return this.matches.length > 0;
  }

  private readonly onInput = (): void => {
    const value = this.elements.input.value;
    const query = value.startsWith("/") ? value.slice(1).toLocaleLowerCase() : null;
    this.matches = query === null ? [] : this.answers.filter((a) => a.shortcut.toLocaleLowerCase().startsWith(query) || a.title.toLocaleLowerCase().includes(query));
    this.active = 0;
    this.render();
  };

  private readonly onKeyDown = (event: KeyboardEvent): void => {
    if (!this.open || event.target !== this.elements.input || event.isComposing) {
      return;
    }
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      const step = event.key === "ArrowDown" ? 1 : -1;
      this.active = (this.active + step + this.matches.length) % this.matches.length;
      this.render();
    } else if (event.key === "Enter" && !event.shiftKey) {
      this.pick(this.matches[this.active]!);
    } else if (event.key === "Escape") {
      this.close();
    } else {
      return;
    }
    event.preventDefault();
    event.stopPropagation();
  };

  private pick(answer: SavedAnswer): void {
    this.elements.input.value = answer.text;
    this.close();
    this.elements.input.focus();
  }

  private close(): void {
    this.matches = [];
    this.render();
  }

  private render(): void {
    const { input, list } = this.elements;
    list.hidden = !this.open;
    list.setAttribute("aria-label", this.context.texts().savedAnswers);
    list.replaceChildren(
      ...this.matches.map((answer, index) => {
        const option = el("li", `/${answer.shortcut} — ${answer.title}`, "saved-answer");
        option.id = `${list.id || "saved"}-option-${index}`;
        option.setAttribute("role", "option");
        option.setAttribute("aria-selected", String(index === this.active));
        option.dataset.testid = "saved-answer";
        // The reply box keeps the focus (and the typed text) while the mouse picks.
        option.addEventListener("mousedown", (event) => event.preventDefault());
        option.addEventListener("click", () => this.pick(answer));
        return option;
      }),
    );
    const active = this.open ? list.children[this.active] : undefined;
    if (active) {
      input.setAttribute("aria-activedescendant", active.id);
      active.scrollIntoView?.({ block: "nearest" });
    } else {
      input.removeAttribute("aria-activedescendant");
    }
  }
}
