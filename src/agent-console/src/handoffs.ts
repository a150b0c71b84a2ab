// Handoffs addressed to me or my pool (every open one for a supervisor): the inbox section, newest first, with the number
// not yet contacted, and the card of the conversation on screen. A card is acknowledged on receipt and marked read
// when its addressee opens the conversation.

import type { HandoffCard, HandoffStatusChange } from "@chat/shared/contracts";
import type { ConsoleContext } from "./context";
import { el, userText } from "./dom";
import type { ErrorLine } from "./error-line";
import { HandoffCardPanel, handoffStatusText } from "./handoff-card";

export interface HandoffsElements {
  list: HTMLUListElement;
  count: HTMLElement;
  card: HTMLElement;
}

export class HandoffsPanel {
  private cards = new Map<string, HandoffCard>();
  private readonly card: HandoffCardPanel;
  private shown: string | null = null;

  constructor(
    private readonly context: ConsoleContext,
    private readonly elements: HandoffsElements,
    private readonly errors: ErrorLine,
    private readonly select: (conversationId: string) => void,
    private readonly alert: (title: string, body: string) => void,
    tariffLabel: (key: string) => string,
  ) {
    const hub = context.hub;
    this.card = new HandoffCardPanel(elements.card, () => context.texts(), tariffLabel, {
      accept: (card) => void this.advance(() => hub.invoke("AcceptHandoff", card.id)),
      contacted: (card, method) => void this.advance(() => hub.invoke("RecordContact", { handoffId: card.id, method })),
    });
  }

  /** After every (re)connect: the open handoffs as the server has them. */
  async load(): Promise<void> {
    this.cards = new Map((await this.context.hub.invoke("GetHandoffs")).map((card) => [card.id, card]));
    this.render();
  }

  /** HandoffReceived: a new card is announced (a repeat, as on every connect, is not) and acknowledged while Relayed. */
  async received(card: HandoffCard): Promise<void> {
    const known = this.cards.get(card.id);
    this.cards.set(card.id, known ? { ...known, ...card } : card);
    this.render();
    if (!known) {
      this.alert(this.context.texts().newHandoff, card.accountName ?? card.accountGiven);
    }
    if (card.status === "Relayed") {
      await this.advance(() => this.context.hub.invoke("AcknowledgeHandoff", card.id));
    }
  }

  statusChanged(change: HandoffStatusChange): void {
    const card = this.cards.get(change.handoffId);
    if (card) {
      this.cards.set(card.id, { ...card, status: change.status });
      this.render();
    }
  }

  /** A card opened by a deep link (GetHandoff): kept like the others so the details show it. */
  opened(card: HandoffCard): void {
    this.cards.set(card.id, card);
    this.render();
  }

  /** The conversation on screen changed: its card, read by its addressee on opening. */
  async show(conversationId: string | null): Promise<void> {
    this.shown = conversationId;
    this.render();
    const card = this.shownCard();
    if (card && this.isAddressee(card) && (card.status === "Relayed" || card.status === "Delivered")) {
      await this.advance(() => this.context.hub.invoke("MarkHandoffRead", card.id));
    }
  }

  render(): void {
    this.renderList();
    const card = this.shownCard();
    this.card.render(card, card !== undefined && this.isAddressee(card));
  }

  private shownCard(): HandoffCard | undefined {
    return this.shown === null ? undefined : Array.from(this.cards.values()).find((card) => card.conversationId === this.shown);
  }

  private isAddressee(card: HandoffCard): boolean {
    const { login, department } = this.context.me;
    return card.assignedTo !== null ? card.assignedTo === login : card.pool === department;
  }

  private async advance(action: () => Promise<HandoffCard>): Promise<void> {
    await this.errors.run(async () => {
      const card = await action();
      this.cards.set(card.id, card);
      this.render();
    });
  }

  private renderList(): void {
    const texts = this.context.texts();
    const cards = Array.from(this.cards.values()).sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt));
    this.elements.count.textContent = String(cards.filter((card) => card.status !== "Contacted").length);
    this.elements.list.replaceChildren(
      ...cards.map((card) => {
        const item = el("li");
        const open = el("button", undefined, "inbox-item");
        open.type = "button";
        open.dataset.testid = "handoff-item";
        open.dataset.status = card.status;
        open.append(userText("span", card.accountName ?? card.accountGiven, "inbox-item__name"), el("span", handoffStatusText(texts, card.status), "inbox-item__time"));
        open.append(userText("span", [card.company, card.topic].filter(Boolean).join(" · ") || texts.handoffCard, "inbox-item__text"));
        open.addEventListener("click", () => this.select(card.conversationId));
        item.append(open);
        return item;
      }),
    );
  }
}
