// The ready redirect (R8, R11): the topics the managers do not answer, from the public policy in the console's
// language, and the question nobody could answer. The server stores the policy's text in the visitor's language as
// this agent's message; it comes back through MessageReceived.

import type { PublicPolicy, PublicTopic } from "@chat/shared/contracts";
import type { Language } from "@chat/shared/error-texts";
import type { ConsoleContext } from "./context";
import { el, Listeners } from "./dom";
import type { ErrorLine } from "./error-line";

/** The RedirectConversation topic of a question without an answer: the community and technical support (R11). */
export const noAnswerTopic = "no-answer";

export interface RedirectOption {
  value: string;
  label: string;
}

/** The redirected topics in the policy's order, then the no-answer choice. */
export function redirectOptions(topics: readonly PublicTopic[], noAnswerLabel: string): RedirectOption[] {
  return [...topics.filter((topic) => topic.redirect).map((topic) => ({ value: topic.key, label: topic.label })), { value: noAnswerTopic, label: noAnswerLabel }];
}

export interface RedirectElements {
  form: HTMLFormElement;
  topic: HTMLSelectElement;
  button: HTMLButtonElement;
  suggestion: HTMLElement;
}

export interface RedirectSources {
  /** The public policy in a language, or null when it cannot be read. */
  policy(language: Language): Promise<PublicPolicy | null>;
  /** The policy topic the conversation's visitor last wrote about (recognised by the server), or null. */
  topicOf(conversationId: string): string | null;
}

export class RedirectPanel {
  private readonly listeners = new Listeners();
  private shown: string | null = null;
  /** The public policy's topics in the console's language: the redirected ones are offered. */
  private topics: PublicTopic[] = [];

  constructor(
    private readonly context: ConsoleContext,
    private readonly elements: RedirectElements,
    private readonly errors: ErrorLine,
    private readonly sources: RedirectSources,
  ) {
    this.listeners.on(elements.form, "submit", this.onSubmit);
    this.listeners.on(elements.topic, "change", this.onChosen);
  }

  stop(): void {
    this.listeners.stop();
  }

  /** The policy's topics with their labels in the console's language; an answer for a language no longer shown is dropped. */
  async loadTopics(): Promise<void> {
    const language = this.context.language();
    const policy = await this.sources.policy(language);
    if (policy && language === this.context.language()) {
      this.topics = policy.topics;
      this.render();
    }
  }

  /** Another conversation is on screen: nothing chosen yet. */
  show(conversationId: string | null): void {
    this.shown = conversationId;
    delete this.elements.topic.dataset.chosen;
    this.render();
  }

  /**
   * The choices; the one the agent chose stays chosen while it is offered, else the redirected topic the visitor wrote
   * about (said in a hint), else the first. Called again when the conversation's recognised topic changes.
   */
  render(): void {
    const texts = this.context.texts();
    const select = this.elements.topic;
    const chosen = select.dataset.chosen;
    const options = redirectOptions(this.topics, texts.noAnswer);
    select.replaceChildren(
      ...options.map(({ value, label }) => {
        const option = el("option", label);
        option.value = value;
        return option;
      }),
    );
    const recognised = this.shown === null ? null : this.sources.topicOf(this.shown);
    const suggested = this.topics.find((topic) => topic.redirect && topic.key === recognised);
    if (chosen !== undefined && options.some((option) => option.value === chosen)) {
      select.value = chosen;
    } else if (suggested) {
      select.value = suggested.key;
    }
    this.elements.suggestion.hidden = !suggested;
    this.elements.suggestion.textContent = suggested ? `${texts.redirectSuggested}: ${suggested.label}` : "";
  }

  private readonly onChosen = (): void => {
    this.elements.topic.dataset.chosen = this.elements.topic.value;
  };

  /** The button is off while the call runs, so a double click sends once. */
  private readonly onSubmit = (event: SubmitEvent): void => {
    event.preventDefault();
    const conversationId = this.shown;
    const topic = this.elements.topic.value;
    const submit = this.elements.button;
    if (!conversationId || !topic || submit.disabled) {
      return;
    }
    submit.disabled = true;
    submit.setAttribute("aria-busy", "true");
    submit.textContent = this.context.texts().redirecting;
    this.errors.clear();
    void this.errors.run(() => this.context.hub.invoke("RedirectConversation", { conversationId, clientMessageId: crypto.randomUUID(), topic })).finally(() => {
      submit.disabled = false;
      submit.removeAttribute("aria-busy");
      submit.textContent = this.context.texts().redirect;
    });
  };
}
