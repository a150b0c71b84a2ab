// What an agent does with the conversation on screen as a whole: transfer it to a colleague (a login has a dot) or a
// department, or close it with the minutes spent preparing (R9).

import type { ClosedConversation } from "@chat/shared/contracts";
import type { ConsoleContext } from "./context";
import { Listeners } from "./dom";
import type { ErrorLine } from "./error-line";

export interface ConversationActionsElements {
  transferForm: HTMLFormElement;
  transferInput: HTMLInputElement;
  closeForm: HTMLFormElement;
  preparationInput: HTMLInputElement;
}

export class ConversationActionsPanel {
  private readonly listeners = new Listeners();
  private shown: string | null = null;

  constructor(
    private readonly context: ConsoleContext,
    private readonly elements: ConversationActionsElements,
    private readonly errors: ErrorLine,
    private readonly closed: (closed: ClosedConversation) => Promise<void>,
  ) {
    this.listeners.on(elements.transferForm, "submit", this.onTransfer);
    this.listeners.on(elements.closeForm, "submit", this.onClose);
  }

  stop(): void {
    this.listeners.stop();
  }

  show(conversationId: string | null): void {
    this.shown = conversationId;
  }

  private readonly onTransfer = (event: SubmitEvent): void => {
    event.preventDefault();
    const conversationId = this.shown;
    const target = this.elements.transferInput.value.trim();
    if (!conversationId || !target) {
      return;
    }
    const toLogin = target.includes(".");
    void this.errors.run(async () => {
      await this.context.hub.invoke("TransferConversation", { conversationId, toLogin: toLogin ? target : null, toDepartment: toLogin ? null : target });
      this.elements.transferInput.value = "";
    });
  };

  private readonly onClose = (event: SubmitEvent): void => {
    event.preventDefault();
    const conversationId = this.shown;
    if (!conversationId) {
      return;
    }
    const preparationMinutes = Math.max(0, Math.min(600, Number.parseInt(this.elements.preparationInput.value, 10) || 0));
    void this.errors.run(async () => {
      const closed = await this.context.hub.invoke("CloseConversation", { conversationId, preparationMinutes });
      this.elements.preparationInput.value = "0";
      await this.closed(closed);
    });
  };
}
