// Saved answers: typing "/" and a few letters in the reply box offers those whose shortcut starts so or whose title
// contains them; picking one puts its text (with its help-centre and video links) in the box.

import type { SavedAnswer } from "@chat/shared/contracts";
import type { ConsoleContext } from "./context";
import { el, Listeners } from "./dom";

export interface SavedAnswersElements {
  input: HTMLTextAreaElement;
  list: HTMLUListElement;
}

export class SavedAnswersPanel {
  private readonly listeners = new Listeners();
  private answers: SavedAnswer[] = [];

  constructor(
    private readonly context: ConsoleContext,
    private readonly elements: SavedAnswersElements,
  ) {
    this.listeners.on(elements.input, "input", this.onInput);
  }

  stop(): void {
    this.listeners.stop();
  }

  /** After every (re)connect, in the console's language. */
  async load(): Promise<void> {
    this.answers = await this.context.hub.invoke("GetSavedAnswers", this.context.language());
  }

  private readonly onInput = (): void => {
    const { input, list } = this.elements;
    const value = input.value;
    const query = value.startsWith("/") ? value.slice(1).toLocaleLowerCase() : null;
    const matches = query === null ? [] : this.answers.filter((a) => a.shortcut.toLocaleLowerCase().startsWith(query) || a.title.toLocaleLowerCase().includes(query));
    list.hidden = matches.length === 0;
    list.replaceChildren(
      ...matches.map((answer) => {
        const pick = el("button", `/${answer.shortcut} — ${answer.title}`);
        pick.type = "button";
        pick.dataset.testid = "saved-answer";
        pick.addEventListener("click", () => {
          input.value = answer.text;
          list.hidden = true;
          list.replaceChildren();
          input.focus();
        });
        const item = el("li");
        item.append(pick);
        return item;
      }),
    );
  };
}
