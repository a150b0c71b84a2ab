// The handoff card of the conversation on screen: the client, the company and tariff, the contacts, the topic and the
// status, the contact warning; its addressee also gets the buttons that move it on (accept, contacted by phone or e-mail).

import type { ContactMethod, HandoffCard, HandoffStatus } from "@chat/shared/contracts";
import { button, el, userText } from "./dom";
import type { ConsoleTexts } from "./i18n";

/** A handoff's status in the console's words. */
export function handoffStatusText(texts: ConsoleTexts, status: HandoffStatus): string {
  const words: Record<HandoffStatus, string> = {
    Relayed: texts.handoffRelayed,
    Delivered: texts.handoffDelivered,
    Read: texts.handoffRead,
    Accepted: texts.handoffAccepted,
    Contacted: texts.handoffContacted,
  };
  return words[status];
}

export interface HandoffCardActions {
  accept(card: HandoffCard): void;
  contacted(card: HandoffCard, method: ContactMethod): void;
}

export class HandoffCardPanel {
  constructor(
    private readonly panel: HTMLElement,
    private readonly texts: () => ConsoleTexts,
    /** The tariff's name in the policy, in the console's language. */
    private readonly tariffLabel: (key: string) => string,
    private readonly actions: HandoffCardActions,
  ) {}

  /** Shows `card` (hidden without one); every value is text. Only the addressee may act on it. */
  render(card: HandoffCard | undefined, addressee: boolean): void {
    const texts = this.texts();
    this.panel.hidden = !card;
    if (!card) {
      this.panel.replaceChildren();
      return;
    }
    const list = el("dl");
    const rows: [string, string | null][] = [
      [texts.account, card.accountName ?? card.accountGiven],
      [texts.company, card.company],
      [texts.tariff, card.tariff && this.tariffLabel(card.tariff)],
      [texts.phone, card.phone],
      [texts.email, card.email],
      [texts.topic, card.topic],
      [texts.status, handoffStatusText(texts, card.status)],
    ];
    for (const [label, value] of rows) {
      if (value) {
        const dd = userText("dd", value);
        if (label === texts.status) {
          dd.dataset.testid = "handoff-status";
          dd.dataset.status = card.status;
        }
        list.append(el("dt", label), dd);
      }
    }
    const children: HTMLElement[] = [el("h3", texts.handoffCard), list];
    if (card.contactWarning) {
      const warning = el("p", texts.contactWarning, "warning");
      warning.dataset.testid = "contact-warning";
      children.push(warning);
    }
    if (!card.verified) {
      children.push(el("p", texts.notVerified, "warning"));
    }
    if (addressee) {
      children.push(this.buttons(card, texts));
    }
    this.panel.replaceChildren(...children);
  }

  private buttons(card: HandoffCard, texts: ConsoleTexts): HTMLElement {
    const buttons = el("div", undefined, "buttons");
    if (card.status !== "Accepted" && card.status !== "Contacted") {
      buttons.append(button(texts.accept, "accept-handoff", () => this.actions.accept(card), "primary"));
    }
    if (card.status !== "Contacted") {
      buttons.append(
        button(texts.contactedPhone, "contacted-phone", () => this.actions.contacted(card, "Phone")),
        button(texts.contactedEmail, "contacted-email", () => this.actions.contacted(card, "Email")),
      );
    }
    return buttons;
  }
}
