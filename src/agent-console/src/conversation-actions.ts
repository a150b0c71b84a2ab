// What an agent does with the conversation on screen as a whole: transfer it to a colleague (a login has a dot) or a
// department, or close it with the minutes spent preparing (R9). A target the server does not know is said beside the
// field.

import type { ClosedConversation, ConversationSummary } from "@chat/shared/contracts";
import { hubFailure } from "@chat/shared/errors";
import type { ConsoleContext } from "./context";
import { Listeners } from "./dom";
import type { ErrorLine } from "./error-line";

export interface ConversationActionsElements {
  transferForm: HTMLFormElement;
  transferInput: HTMLInputElement;
  /** The error beside the transfer field (role="alert"). */
  transferError: HTMLElement;
  closeForm: HTMLFormElement;
  preparationInput: HTMLInputElement;
}

export interface ConversationActionsHost {
  transferred(summary: ConversationSummary): void;
  closed(closed: ClosedConversation): Promise<void>;
}

export class ConversationActionsPanel {
  private readonly listeners = new Listeners();
  private shown: string | null = null;

  constructor(
    private readonly context: ConsoleContext,
    private readonly elements: ConversationActionsElements,
    private readonly errors: ErrorLine,
    private readonly host: ConversationActionsHost,
  ) {
    this.listeners.on(elements.transferForm, "submit", this.onTransfer);
    this.listeners.on(elements.closeForm, "submit", this.onClose);
    this.listeners.on(elements.transferInput, "input", this.clearField);
  }

  stop(): void {
    this.listeners.stop();
  }

  show(conversationId: string | null): void {
    this.shown = conversationId;
    this.clearField();
  }

  private readonly onTransfer = (event: SubmitEvent): void => {
    event.preventDefault();
    const conversationId = this.shown;
    const target = this.elements.transferInput.value.trim();
    if (!conversationId || !target) {
      return;
    }
    const toLogin = target.includes(".");
    this.clearField();
    void this.errors.run(
      async () => {
        const summary = await this.context.hub.invoke("TransferConversation", { conversationId, toLogin: toLogin ? target : null, toDepartment: toLogin ? null : target });
        this.elements.transferInput.value = "";
        this.host.transferred(summary);
      },
      (error) => this.refused(error),
    );
  };

  /** A refusal of the target goes beside the field; any other on the details' error line. */
  private refused(error: unknown): void {
    const fields = hubFailure(error)?.fields ?? {};
    const texts = this.context.texts();
    const text = fields.toLogin ? texts.noSuchLogin : fields.toDepartment ? texts.noSuchDepartment : null;
    if (text === null) {
      this.errors.failed(error);
      return;
    }
    const { transferInput, transferError } = this.elements;
    transferError.textContent = text;
    transferInput.setAttribute("aria-invalid", "true");
    transferInput.setAttribute("aria-describedby", transferError.id);
  }

  private readonly clearField = (): void => {
    const { transferInput, transferError } = this.elements;
    transferError.textContent = "";
    transferInput.removeAttribute("aria-invalid");
    transferInput.removeAttribute("aria-describedby");
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
      await this.host.closed(closed);
    });
  };
}
