// An e-mail conversation on screen: the channel and the subject under its title, and under each of the agent's answers
// whether it went out by mail (GetEmailThread, kept current by EmailStateChanged). Answers shown before their state is
// known are being sent: every agent's message of an e-mail conversation goes out by mail.

import type { EmailState, EmailThread } from "@chat/shared/contracts";
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

export class EmailThreadPanel {
  private readonly thread: ShownConversation<EmailThread | null>;
  private readonly observer = new MutationObserver(() => this.renderStates());

  constructor(
    private readonly context: ConsoleContext,
    private readonly elements: EmailThreadElements,
    errors: ErrorLine,
  ) {
    this.thread = new ShownConversation<EmailThread | null>((id) => context.hub.invoke("GetEmailThread", id), null, errors, () => this.render());
    // Messages come and go with the transcript; each new answer gets its line.
    this.observer.observe(elements.transcript, { childList: true, subtree: true });
  }

  stop(): void {
    this.observer.disconnect();
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
    this.renderStates();
  }

  /** Writes each answer's line only where it changed, so that the observer sees no change of its own twice. */
  private renderStates(): void {
    const thread = this.thread.value;
    const texts = this.context.texts();
    const states = new Map((thread?.states ?? []).map((s) => [s.messageId.replace(/-/g, ""), s]));
    for (const item of Array.from(this.elements.transcript.querySelectorAll<HTMLElement>("[data-message-id]"))) {
      let line = item.querySelector<HTMLElement>(":scope > .message__email");
      const state = states.get((item.dataset.messageId ?? "").replace(/-/g, ""));
      // Every agent's answer is mailed; of the system's messages only those in the outbox (the longer-work notice).
      if (!thread || (item.dataset.sender !== "Agent" && !state)) {
        line?.remove();
        continue;
      }
      const text = emailStateText(state, texts);
      if (!line) {
        line = document.createElement("div");
        line.className = "message__email";
        line.dataset.testid = "email-state";
        item.append(line);
      }
      const status = state?.status ?? "Queued";
      if (line.textContent !== text || line.dataset.status !== status) {
        line.textContent = text;
        line.dataset.status = status;
      }
    }
  }
}
