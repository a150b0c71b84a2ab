// The reply box of the conversation on screen: Enter sends (Shift+Enter is a new line), through the outbox like the
// widget's sends, or with the attached files in one SendMessage; the agent's typing goes out as hints.

import { TypingNotifier } from "@chat/shared/typing";
import type { ConsoleContext } from "./context";
import { Listeners } from "./dom";
import type { ErrorLine } from "./error-line";
import { sendTyping } from "./hub";
import type { OpenConversation } from "./open-conversation";
import type { Uploads } from "./uploads";

export interface ComposerElements {
  form: HTMLFormElement;
  input: HTMLTextAreaElement;
}

export class Composer {
  private readonly listeners = new Listeners();
  private typingOut: { id: string; notifier: TypingNotifier } | null = null;

  constructor(
    private readonly context: ConsoleContext,
    private readonly elements: ComposerElements,
    private readonly errors: ErrorLine,
    private readonly uploads: Uploads,
    private readonly current: () => OpenConversation | undefined,
  ) {
    this.listeners.on(elements.form, "submit", this.onSubmit);
    this.listeners.on(elements.input, "keydown", this.onKeyDown);
    this.listeners.on(elements.input, "input", this.onInput);
  }

  stop(): void {
    this.listeners.stop();
    this.stopTyping();
  }

  /** A conversation was put on screen: typing in another one stops, and the agent can write at once. */
  selected(conversationId: string): void {
    if (this.typingOut?.id !== conversationId) {
      this.stopTyping();
    }
    this.elements.input.focus();
  }

  /** Typing(false) for the conversation the agent was typing in, if a true went out. */
  stopTyping(): void {
    this.typingOut?.notifier.stop();
    this.typingOut = null;
  }

  private readonly onSubmit = (event: SubmitEvent): void => {
    event.preventDefault();
    const conversation = this.current();
    if (!conversation) {
      return;
    }
    this.stopTyping();
    const input = this.elements.input;
    if (this.uploads.attached.length > 0) {
      const attachmentIds = this.uploads.attached.map((upload) => upload.id);
      this.context.hub
        .invoke("SendMessage", { conversationId: conversation.id, clientMessageId: crypto.randomUUID(), text: input.value.trim(), attachmentIds })
        .then((result) => {
          // The answer carries the stored message: the hub sends it to this connection no other way.
          conversation.client.received(result.message);
          this.uploads.clear();
          input.value = "";
        })
        .catch((error: unknown) => this.errors.failed(error));
      return;
    }
    const outcome = conversation.client.send(input.value);
    if (outcome.queued) {
      input.value = "";
    } else {
      this.errors.show(outcome.code);
    }
  };

  private readonly onKeyDown = (event: KeyboardEvent): void => {
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing && !event.defaultPrevented) {
      event.preventDefault();
      this.elements.form.requestSubmit();
    }
  };

  private readonly onInput = (): void => {
    this.errors.clear();
    const conversation = this.current();
    if (!conversation) {
      return;
    }
    const id = conversation.id;
    if (this.typingOut?.id !== id) {
      this.stopTyping();
      this.typingOut = { id, notifier: new TypingNotifier((isTyping) => sendTyping(this.context.hub, id, isTyping)) };
    }
    this.typingOut.notifier.input(this.elements.input.value);
  };
}
