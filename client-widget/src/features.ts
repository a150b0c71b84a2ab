// What sits above the transcript: the offline form, "already a client?" with the identification form, the
// handoff's state and the call-back form; and below it, until the visitor writes or picks one, the topic chips
// with the answer to a redirected topic. It talks to the server through VisitorApi; every text from the server
// or the policy is set as text.

import type { PublicPolicy } from "@chat/shared/contracts";
import type { CallBackRequest, HandoffReceipt, HandoffUpdate, IdentifyRequest, OfflineMessage, OfflineMessageResult } from "@chat/shared/contracts";
import type { ErrorCode } from "@chat/shared/errors";
import { newClientMessageId } from "@chat/shared/ids";
import { FormView, type FieldSpec } from "./form-view";
import { checkCallBack, checkIdentify, checkOffline, zonedInstant, type FormValues } from "./forms";
import type { Texts } from "./i18n";
import { contactChoices, routeTopic } from "./topics";

export interface VisitorApi {
  leaveOfflineMessage(request: OfflineMessage): Promise<OfflineMessageResult>;
  identify(request: IdentifyRequest): Promise<HandoffReceipt>;
  requestCallBack(request: CallBackRequest): Promise<HandoffReceipt>;
  /** Puts a text into the composer for the visitor to go on with. */
  compose(text: string): void;
  /** Live chat or the offline form changed. */
  modeChanged(online: boolean): void;
}

export class VisitorFeatures {
  readonly element: HTMLElement;
  /** The topic chips and the answer to a picked one, for below the transcript. */
  readonly topicsElement: HTMLElement;
  private readonly topics: HTMLElement;
  private readonly topicAnswer: HTMLElement;
  private readonly offline: HTMLElement;
  private readonly offlineText: HTMLElement;
  private readonly offlineForm: FormView;
  private readonly offlineNotice: HTMLElement;
  private readonly clientButton: HTMLButtonElement;
  private readonly identifyBox: HTMLElement;
  private readonly identifyForm: FormView;
  private readonly confirmation: HTMLElement;
  private readonly handoffState: HTMLElement;
  private readonly callBackButton: HTMLButtonElement;
  private readonly callBackForm: FormView;
  private readonly callBackResult: HTMLElement;
  private policy: PublicPolicy | null = null;
  private online = true;
  private heardFromHub = false;
  private topic: string | null = null;
  private handoffId: string | null = null;
  private offlineId = newClientMessageId();
  private identifyId = newClientMessageId();
  private callBackId = newClientMessageId();

  constructor(
    private readonly doc: Document,
    private readonly texts: Texts,
    private readonly errorText: (code: ErrorCode) => string,
    private readonly api: VisitorApi,
  ) {
    this.element = this.make("div", "features");
    this.topics = this.make("div", "topics", "chat-topics");
    this.topics.setAttribute("role", "group");
    this.topics.setAttribute("aria-label", texts.topics);
    this.topicAnswer = this.make("p", "notice", "chat-topic-answer");
    this.topicAnswer.setAttribute("role", "status");
    this.topicsElement = this.make("div", "topic-prompt");
    this.topicsElement.append(this.topics, this.topicAnswer);

    this.offline = this.make("section", "box", "chat-offline");
    this.offline.setAttribute("aria-label", texts.offlineTitle);
    this.offlineText = this.make("p", "box__text", "chat-offline-info");
    this.offlineForm = this.form("offline", [
      { name: "text", label: texts.offlineText, type: "textarea" },
      { name: "email", label: texts.email, type: "email", autocomplete: "email" },
      { name: "phone", label: texts.phone, type: "tel", autocomplete: "tel" },
    ], texts.leaveMessage, (values) => void this.leaveOfflineMessage(values));
    const hint = this.make("p", "hint");
    hint.textContent = texts.contactHint;
    this.offlineForm.element.insertBefore(hint, this.offlineForm.element.children[1] ?? null);
    this.offlineNotice = this.make("p", "notice", "chat-offline-notice");
    this.offlineNotice.setAttribute("role", "status");
    this.offline.append(this.offlineText, this.offlineForm.element, this.offlineNotice);
    this.offline.hidden = true;

    this.clientButton = this.button(texts.isClient, "chat-client-button", () => this.toggle(this.identifyBox, this.clientButton));
    this.identifyBox = this.make("section", "box", "chat-identify");
    this.identifyBox.id = "chat-identify";
    this.identifyBox.setAttribute("aria-label", texts.identifyTitle);
    this.clientButton.setAttribute("aria-controls", this.identifyBox.id);
    this.identifyForm = this.form("identify", this.identifyFields(), texts.identify, (values) => void this.identify(values));
    this.identifyBox.append(this.identifyForm.element);
    this.identifyBox.hidden = true;
    this.confirmation = this.make("p", "notice", "chat-handoff-confirmation");
    this.confirmation.setAttribute("role", "status");
    this.handoffState = this.make("p", "state", "chat-handoff-state");
    this.handoffState.setAttribute("role", "status");
    this.callBackForm = this.form("callback", [
      { name: "phone", label: texts.phone, type: "tel", autocomplete: "tel" },
      { name: "date", label: texts.date, type: "date" },
      { name: "from", label: texts.from, type: "time" },
      { name: "to", label: texts.to, type: "time" },
    ], texts.order, (values) => void this.requestCallBack(values));
    this.callBackForm.element.hidden = true;
    this.callBackForm.element.id = "chat-callback";
    this.callBackButton = this.button(texts.callBack, "chat-callback-button", () => this.toggle(this.callBackForm.element, this.callBackButton));
    this.callBackButton.setAttribute("aria-controls", "chat-callback");
    this.callBackButton.hidden = true;
    this.callBackResult = this.make("p", "notice", "chat-callback-result");
    this.callBackResult.setAttribute("role", "status");

    this.element.append(
      this.offline,
      this.clientButton,
      this.identifyBox,
      this.confirmation,
      this.handoffState,
      this.callBackButton,
      this.callBackForm.element,
      this.callBackResult,
    );
  }

  get isOnline(): boolean {
    return this.online;
  }

  /** The policy read at start: the texts, the topics and whether to begin with the offline form. */
  setPolicy(policy: PublicPolicy): void {
    this.policy = policy;
    this.offlineText.textContent = policy.texts.offline;
    this.identifyForm.element.querySelector(".hint")?.remove();
    const ask = this.make("p", "hint");
    ask.textContent = policy.texts.askAccount;
    this.identifyForm.element.prepend(ask);
    this.refreshChannelChoice();
    this.topics.replaceChildren(
      ...policy.topics.map((topic) =>
        this.button(topic.label, "chat-topic", () => {
          const route = routeTopic(topic);
          this.topic = topic.label;
          this.topicsDone();
          if (route.kind === "answer") {
            this.topicAnswer.textContent = route.text;
          } else if (this.online) {
            this.api.compose(route.text);
          } else {
            this.offlineForm.set("text", route.text);
            this.offlineForm.input("text")?.focus();
          }
        }),
      ),
    );
    this.show(this.heardFromHub ? this.online : policy.online);
    this.offerCallBack();
  }

  /** The visitor wrote or picked a topic: the chips are no longer offered (a redirected topic's answer stays). */
  topicsDone(): void {
    this.topics.hidden = true;
  }

  /** A new conversation starts: the chips and "already a client?" are offered again; nothing of the previous topic or handoff stays. */
  newConversation(): void {
    this.topic = null;
    this.topicAnswer.textContent = "";
    this.topics.hidden = false;
    this.handoffId = null;
    this.confirmation.textContent = "";
    this.handoffState.textContent = "";
    delete this.handoffState.dataset.status;
    this.callBackResult.textContent = "";
    this.callBackForm.element.hidden = true;
    this.clientButton.hidden = false;
    this.offerCallBack();
  }

  /** Live chat (true) or the offline form (false), as GetAvailability and AvailabilityChanged say; they win over the policy. */
  setOnline(online: boolean): void {
    this.heardFromHub = true;
    this.show(online);
  }

  private show(online: boolean): void {
    this.online = online;
    this.offline.hidden = online;
    this.api.modeChanged(online);
  }

  handoffUpdated(update: HandoffUpdate): void {
    if (this.handoffId === null || update.handoffId === this.handoffId) {
      this.handoffId = update.handoffId;
      this.showState(update.status, update.message);
    }
  }

  private identifyFields(): FieldSpec[] {
    return [
      { name: "accountNameOrId", label: this.texts.account, type: "text", autocomplete: "organization" },
      { name: "phone", label: this.texts.phone, type: "tel", autocomplete: "tel" },
      { name: "email", label: this.texts.email, type: "email", autocomplete: "email" },
      {
        name: "preferredChannel",
        label: this.texts.preferred,
        type: "select",
        options: [["", this.texts.preferredAny], ["Phone", this.texts.byPhone], ["Email", this.texts.byEmail]],
      },
    ];
  }

  /** The preferred channel is offered where the tariffs allow a choice, and only once both a phone and an e-mail are given. */
  private refreshChannelChoice(): void {
    const select = this.identifyForm.input("preferredChannel");
    const field = select?.parentElement;
    if (!select || !field) {
      return;
    }
    const values = this.identifyForm.values();
    const choosable = contactChoices(this.policy).length > 1 && values["phone"] !== "" && values["email"] !== "";
    field.hidden = !choosable;
    if (!choosable) {
      select.value = "";
    }
  }

  private async leaveOfflineMessage(values: FormValues): Promise<void> {
    const result = await this.offlineForm.run(checkOffline(values), () =>
      this.api.leaveOfflineMessage({ clientMessageId: this.offlineId, text: values["text"]!, email: values["email"] || null, phone: values["phone"] || null }),
    );
    if (result) {
      this.offlineId = newClientMessageId();
      this.offlineForm.clear();
      this.offlineNotice.textContent = result.notice;
    }
  }

  private async identify(values: FormValues): Promise<void> {
    const channel = values["preferredChannel"];
    const receipt = await this.identifyForm.run(checkIdentify(values), () =>
      this.api.identify({
        clientRequestId: this.identifyId,
        accountNameOrId: values["accountNameOrId"]!,
        phone: values["phone"] || null,
        email: values["email"] || null,
        preferredChannel: channel === "Phone" || channel === "Email" ? channel : null,
        topic: this.topic,
      }),
    );
    if (receipt) {
      this.identifyId = newClientMessageId();
      this.callBackForm.set("phone", values["phone"] ?? "");
      this.showIdentified(receipt);
    }
  }

  /**
   * GetHandoffState after a (re)connect: a visitor who identified before this page was loaded sees the
   * confirmation, the handoff's state and the call-back offer again instead of the identification form.
   */
  restoreHandoff(receipt: HandoffReceipt | null): void {
    if (receipt) {
      this.showIdentified(receipt);
    }
  }

  /** A call-back ordered before a reload (GetCallBackState): its confirmation instead of the offer to order one. */
  restoreCallBack(receipt: HandoffReceipt | null): void {
    if (receipt) {
      this.callBackResult.textContent = receipt.message;
      this.callBackForm.element.hidden = true;
      this.callBackButton.hidden = true;
    }
  }

  private showIdentified(receipt: HandoffReceipt): void {
    this.handoffId = receipt.handoffId;
    this.confirmation.textContent = receipt.message;
    this.showState(receipt.status, "");
    this.identifyBox.hidden = true;
    this.clientButton.hidden = true;
    this.clientButton.setAttribute("aria-expanded", "false");
    this.offerCallBack();
  }

  /** The call-back is offered to an identified client who has not ordered one, once the policy names the time zone of its window. */
  private offerCallBack(): void {
    this.callBackButton.hidden = this.policy === null || this.confirmation.textContent === "" || this.callBackResult.textContent !== "";
  }

  private async requestCallBack(values: FormValues): Promise<void> {
    if (this.policy === null) {
      return;
    }
    const zone = this.policy.timeZone;
    const receipt = await this.callBackForm.run(checkCallBack(values), () =>
      this.api.requestCallBack({
        clientRequestId: this.callBackId,
        phone: values["phone"]!,
        from: zonedInstant(values["date"]!, values["from"]!, zone),
        to: zonedInstant(values["date"]!, values["to"]!, zone),
        topic: this.topic,
      }),
    );
    if (receipt) {
      this.callBackId = newClientMessageId();
      this.callBackForm.element.hidden = true;
      this.callBackButton.hidden = true;
      this.callBackResult.textContent = receipt.message;
    }
  }

  private showState(status: string, message: string): void {
    this.handoffState.dataset.status = status;
    this.handoffState.textContent = this.texts.handoff[status] ?? message;
  }

  private toggle(target: HTMLElement, button: HTMLButtonElement): void {
    target.hidden = !target.hidden;
    button.setAttribute("aria-expanded", String(!target.hidden));
    if (!target.hidden) {
      target.querySelector<HTMLElement>("input, textarea")?.focus();
    }
  }

  private form(id: string, fields: FieldSpec[], submitLabel: string, submitted: (values: FormValues) => void): FormView {
    const form = new FormView(this.doc, id, fields, submitLabel, this.errorText, this.texts.notConnected, submitted);
    form.element.addEventListener("input", () => this.refreshChannelChoice());
    return form;
  }

  private button(label: string, testId: string, click: () => void): HTMLButtonElement {
    const button = this.make("button", "chip", testId);
    button.type = "button";
    button.textContent = label;
    if (testId !== "chat-topic") {
      button.setAttribute("aria-expanded", "false");
    }
    button.addEventListener("click", click);
    return button;
  }

  private make<K extends keyof HTMLElementTagNameMap>(tag: K, className: string, testId?: string): HTMLElementTagNameMap[K] {
    const element = this.doc.createElement(tag);
    element.className = className;
    if (testId) {
      element.dataset.testid = testId;
    }
    return element;
  }
}
