// An e-mail conversation on screen: the channel and the subject under its title, and under each of the agent's answers
// whether it went out by mail (GetEmailThread, kept current by EmailStateChanged), added to each answer as the
// transcript shows it (decorate) and drawn again when the thread changes. Answers shown before their state is known are
// being sent: every agent's message of an e-mail conversation goes out by mail.

import type { ChatMessage, EmailState, EmailThread } from "@chat/shared/contracts";
import type { ConsoleContext } from "./context";
import type { ErrorLine } from "./error-line";
import type { ConsoleTexts } from "./i18n";
import { ShownConversation } from "./shown-conversation";

export interface EmailThreadElements {
  /** The line under the conversation's title. */
  header: HTMLElement;
  /** Where the conversation's messages are drawn. */
  transcript: HTMLElement;
}

export function emailStateText(state: Pick<EmailState, "status" | "error"> | undefined, texts: ConsoleTexts): string {
  if (state?.status === "Sent") {
    return texts.emailSent;
  }
  if (state?.status !== "Failed") {
    return texts.emailQueued;
  }
  const reasons: Record<string, string> = {
    unreachable: texts.emailUnreachable,
    deferred: texts.emailDeferred,
    authentication: texts.emailAuthentication,
    refused: texts.emailRefused,
    attachment_missing: texts.emailAttachmentMissing,
  };
  return `${texts.emailFailed}: ${reasons[state.error ?? ""] ?? texts.emailError}`;
}

/** An id compared without its dashes, however it was written. */
const bare = (id: string): string => id.replace(/-/g, "");

export class EmailThreadPanel {
  private readonly thread: ShownConversation<EmailThread | null>;

  constructor(
    private readonly context: ConsoleContext,
    private readonly elements: EmailThreadElements,
    errors: ErrorLine,
  ) {
    this.thread = new ShownConversation<EmailThread | null>((id) => context.hub.invoke("GetEmailThread", id), null, errors, () => this.render());
  }

  show(conversationId: string | null): Promise<void> {
    return this.thread.show(conversationId);
  }

  /** EmailStateChanged: the latest state of an answer of the conversation on screen. */
  changed(state: EmailState): void {
    const thread = this.thread.value;
    if (thread && state.conversationId === thread.conversationId) {
      this.thread.set({ ...thread, states: [...thread.states.filter((s) => s.messageId !== state.messageId), state] });
    }
  }

  render(): void {
    const thread = this.thread.value;
    const texts = this.context.texts();
    this.elements.header.hidden = thread === null;
    this.elements.header.textContent = thread ? [texts.emailChannel, thread.subject ? `${texts.emailSubject}: ${thread.subject}` : ""].filter(Boolean).join(" · ") : "";
    for (const item of Array.from(this.elements.transcript.querySelectorAll<HTMLElement>("[data-message-id]"))) {
      this.renderState(item, thread);
    }
  }

  /** A stored message comes on screen (the console's MessageList decorate): an answer of the e-mail thread gets its line. */
  decorate(item: HTMLLIElement, message: ChatMessage): void {
    const thread = this.thread.value;
    if (thread && bare(thread.conversationId) === bare(message.conversationId)) {
      this.renderState(item, thread);
    }
  }

  /** Writes the item's line (at most one), or takes it away where it has none. */
  private renderState(item: HTMLElement, thread: EmailThread | null): void {
    let line = item.querySelector<HTMLElement>(":scope > .message__email");
    const id = bare(item.dataset.messageId ?? "");
    const state = thread?.states.find((s) => bare(s.messageId) === id);
    // Every agent's answer is mailed; of the system's messages only those in the outbox (the longer-work notice).
    if (!thread || (item.dataset.sender !== "Agent" && !state)) {
      line?.remove();
      return;
    }
    if (!line) {
      line = document.createElement("div");
      line.className = "message__email";
      line.dataset.testid = "email-state";
      item.append(line);
    }
    line.textContent = emailStateText(state, this.context.texts());
    line.dataset.status = state?.status ?? "Queued";
  }
}
