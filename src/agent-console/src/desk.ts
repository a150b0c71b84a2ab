// Everything around the transcript: handoffs addressed to me, due items, colleagues' presence, and the
// details panel of the selected conversation (visitor details, handoff card, company load, notes, ready redirect,
// transfer, close).

import type { AgentPresence, AgentStatus, CompanyLoad, ConversationNote, ConversationSummary, DueItem, HandoffCard, HandoffStatusChange, PageVisit, PublicTopic, QueuedItem, VisitorDetails, VisitorPresence } from "@chat/shared/contracts";
import { errorText, type Language } from "@chat/shared/error-texts";
import { hubErrorCode } from "@chat/shared/errors";
import { safeHref } from "@chat/shared/linkify";
import { fetchPolicy } from "@chat/shared/policy";
import type { AgentHub } from "./hub";
import type { ConsoleTexts } from "./i18n";
import { redirectOptions } from "./redirect";
import { withPageVisit } from "./visitor-pages";

export interface DeskElements {
  visitorDetails: HTMLElement;
  handoffList: HTMLUListElement;
  handoffCount: HTMLElement;
  dueList: HTMLUListElement;
  dueCount: HTMLElement;
  colleagues: HTMLUListElement;
  myStatus: HTMLSelectElement;
  details: HTMLElement;
  handoffCard: HTMLElement;
  companyPanel: HTMLElement;
  notes: HTMLUListElement;
  noteForm: HTMLFormElement;
  noteInput: HTMLTextAreaElement;
  redirectForm: HTMLFormElement;
  redirectTopic: HTMLSelectElement;
  redirectButton: HTMLButtonElement;
  redirectSuggestion: HTMLElement;
  transferForm: HTMLFormElement;
  transferInput: HTMLInputElement;
  closeForm: HTMLFormElement;
  preparationInput: HTMLInputElement;
  detailsError: HTMLElement;
}

export interface DeskHost {
  /** The signed-in agent: only the addressee moves a handoff on. */
  me: { login: string; department: string };
  texts(): ConsoleTexts;
  language(): Language;
  select(conversationId: string): void;
  selected(): string | null;
  /** The policy topic the conversation's visitor last wrote about (recognised by the server), or null. */
  topic(conversationId: string): string | null;
  closed(summary: ConversationSummary): void;
  alert(title: string, body: string): void;
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, className?: string): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  if (text !== undefined) {
    element.textContent = text;
  }
  if (className) {
    element.className = className;
  }
  return element;
}

function button(text: string, testId: string, onClick: () => void, className = "link-button"): HTMLButtonElement {
  const b = el("button", text, className);
  b.type = "button";
  b.dataset.testid = testId;
  b.addEventListener("click", onClick);
  return b;
}

export class Desk {
  private readonly handoffs = new Map<string, HandoffCard>();
  private readonly due = new Map<string, DueItem>();
  private readonly shownItems = new Set<string>();
  private readonly colleagues = new Map<string, AgentPresence>();
  private notes: ConversationNote[] = [];
  private company: CompanyLoad | null = null;
  private visitor: VisitorDetails | null = null;
  /** The public policy's topics in the console's language: the redirected ones are offered. */
  private policyTopics: PublicTopic[] = [];

  constructor(
    private readonly hub: AgentHub,
    private readonly elements: DeskElements,
    private readonly host: DeskHost,
  ) {
    elements.myStatus.addEventListener("change", this.onStatus);
    elements.noteForm.addEventListener("submit", this.onNote);
    elements.redirectForm.addEventListener("submit", this.onRedirect);
    elements.redirectTopic.addEventListener("change", this.onRedirectChosen);
    elements.transferForm.addEventListener("submit", this.onTransfer);
    elements.closeForm.addEventListener("submit", this.onClose);
  }

  /** Signed out: the next workspace's desk takes over the same forms. */
  stop(): void {
    this.elements.myStatus.removeEventListener("change", this.onStatus);
    this.elements.noteForm.removeEventListener("submit", this.onNote);
    this.elements.redirectForm.removeEventListener("submit", this.onRedirect);
    this.elements.redirectTopic.removeEventListener("change", this.onRedirectChosen);
    this.elements.transferForm.removeEventListener("submit", this.onTransfer);
    this.elements.closeForm.removeEventListener("submit", this.onClose);
  }

  /** The language changed: redraw the panels and read the redirect topics' labels in it. */
  relabel(): void {
    this.render();
    void this.loadRedirectTopics();
  }

  async connected(): Promise<void> {
    const [cards, due, presence] = await Promise.all([
      this.hub.invoke("GetHandoffs"),
      this.hub.invoke("GetDueItems"),
      this.hub.invoke("GetPresence"),
    ]);
    this.handoffs.clear();
    cards.forEach((c) => this.handoffs.set(c.id, c));
    this.due.clear();
    due.forEach((d) => this.due.set(d.id, d));
    this.colleagues.clear();
    presence.agents.forEach((a) => this.colleagues.set(a.login, a));
    this.render();
    void this.loadRedirectTopics();
    await this.show(this.host.selected());
  }

  render(): void {
    this.renderHandoffs();
    this.renderDue();
    this.renderColleagues();
    this.renderCard();
    this.renderCompany();
    this.renderNotes();
    this.renderVisitor();
    this.renderRedirect();
  }

  /** The selected conversation changed (or was re-opened): load its notes and company panel, mark its handoff read. */
  async show(conversationId: string | null): Promise<void> {
    delete this.elements.redirectTopic.dataset.chosen;
    this.elements.details.hidden = !conversationId;
    this.elements.detailsError.textContent = "";
    this.notes = [];
    this.company = null;
    this.visitor = null;
    this.render();
    if (!conversationId) {
      return;
    }
    const visitor = this.call(async () => {
      const details = await this.hub.invoke("GetVisitorDetails", conversationId);
      if (this.host.selected() === conversationId) {
        this.visitor = details;
        this.renderVisitor();
      }
    });
    const card = this.cardOf(conversationId);
    if (card && this.isAddressee(card) && (card.status === "Relayed" || card.status === "Delivered")) {
      await this.advance(() => this.hub.invoke("MarkHandoffRead", card.id));
    }
    await this.call(async () => {
      const [notes, company] = await Promise.all([
        this.hub.invoke("GetNotes", conversationId),
        this.hub.invoke("GetCompanyLoad", conversationId),
      ]);
      if (this.host.selected() === conversationId) {
        this.notes = notes;
        this.company = company;
        this.renderNotes();
        this.renderCompany();
      }
    });
    await visitor;
  }

  presenceChanged(agent: AgentPresence): void {
    this.colleagues.set(agent.login, agent);
    this.renderColleagues();
  }

  noteAdded(note: ConversationNote): void {
    if (note.conversationId === this.host.selected() && !this.notes.some((n) => n.id === note.id)) {
      this.notes.push(note);
      this.renderNotes();
    }
  }

  visitorPresenceChanged(presence: VisitorPresence): void {
    if (this.visitor?.conversationId === presence.conversationId && this.visitor.online !== presence.online) {
      this.visitor = { ...this.visitor, online: presence.online };
      this.renderVisitor();
    }
  }

  /** A page the visitor of the selected conversation opened, live. */
  pageViewed(visit: PageVisit): void {
    const details = this.visitor;
    if (details?.conversationId === visit.conversationId) {
      this.visitor = { ...details, pages: withPageVisit(details.pages, visit) };
      this.renderVisitor();
    }
  }

  /** A card opened by a deep link (GetHandoff): kept like the others so the details panel shows it. */
  opened(card: HandoffCard): void {
    this.handoffs.set(card.id, card);
    this.renderHandoffs();
    this.renderCard();
  }

  private isAddressee(card: HandoffCard): boolean {
    const { login, department } = this.host.me;
    return card.assignedTo !== null ? card.assignedTo === login : card.pool === department;
  }

  async received(card: HandoffCard): Promise<void> {
    const known = this.handoffs.has(card.id);
    this.handoffs.set(card.id, known ? { ...this.handoffs.get(card.id)!, ...card } : card);
    this.renderHandoffs();
    if (!known) {
      this.host.alert(this.host.texts().newHandoff, card.accountName ?? card.accountGiven);
    }
    if (card.status === "Relayed") {
      await this.advance(() => this.hub.invoke("AcknowledgeHandoff", card.id));
    }
  }

  statusChanged(change: HandoffStatusChange): void {
    const card = this.handoffs.get(change.handoffId);
    if (card) {
      this.handoffs.set(card.id, { ...card, status: change.status });
      this.renderHandoffs();
      this.renderCard();
    }
  }

  async queued(item: QueuedItem): Promise<void> {
    await this.hub.invoke("AcknowledgeDelivery", item.id).catch(() => undefined);
    if (this.shownItems.has(item.id)) {
      return;
    }
    this.shownItems.add(item.id);
    const due = await this.hub.invoke("GetDueItems").catch(() => null);
    if (due) {
      this.due.clear();
      due.forEach((d) => this.due.set(d.id, d));
      this.renderDue();
    }
  }

  private cardOf(conversationId: string): HandoffCard | undefined {
    return Array.from(this.handoffs.values()).find((c) => c.conversationId === conversationId);
  }

  private async advance(action: () => Promise<HandoffCard>): Promise<void> {
    await this.call(async () => {
      const card = await action();
      this.handoffs.set(card.id, card);
      this.renderHandoffs();
      this.renderCard();
    });
  }

  private async call(action: () => Promise<unknown>): Promise<void> {
    try {
      await action();
    } catch (error) {
      this.elements.detailsError.textContent = errorText(this.host.language(), hubErrorCode(error) ?? "internal_error");
    }
  }

  /** The policy's topics with their labels in the console's language; an answer for a language no longer shown is dropped. */
  private async loadRedirectTopics(): Promise<void> {
    const language = this.host.language();
    const policy = await fetchPolicy("", language, (url, init) => fetch(url, init));
    if (policy && language === this.host.language()) {
      this.policyTopics = policy.topics;
      this.renderRedirect();
    }
  }

  /** The selected conversation's recognised topic changed: offer its redirect. */
  topicChanged(): void {
    this.renderRedirect();
  }

  /**
   * The redirect choices; the one the agent chose stays chosen while it is offered, else the redirected topic the visitor
   * wrote about (said in a hint), else the first.
   */
  private renderRedirect(): void {
    const select = this.elements.redirectTopic;
    const chosen = select.dataset.chosen;
    const options = redirectOptions(this.policyTopics, this.host.texts().noAnswer);
    select.replaceChildren(
      ...options.map(({ value, label }) => {
        const option = el("option", label);
        option.value = value;
        return option;
      }),
    );
    const id = this.host.selected();
    const suggested = id === null ? null : this.policyTopics.find((t) => t.redirect && t.key === this.host.topic(id));
    if (chosen !== undefined && options.some((o) => o.value === chosen)) {
      select.value = chosen;
    } else if (suggested) {
      select.value = suggested.key;
    }
    this.elements.redirectSuggestion.hidden = !suggested;
    this.elements.redirectSuggestion.textContent = suggested ? `${this.host.texts().redirectSuggested}: ${suggested.label}` : "";
  }

  private renderHandoffs(): void {
    const texts = this.host.texts();
    const cards = Array.from(this.handoffs.values()).sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt));
    this.elements.handoffCount.textContent = String(cards.filter((c) => c.status !== "Contacted").length);
    this.elements.handoffList.replaceChildren(
      ...cards.map((card) => {
        const item = el("li");
        const b = el("button", undefined, "inbox-item");
        b.type = "button";
        b.dataset.testid = "handoff-item";
        b.dataset.status = card.status;
        b.append(el("span", card.accountName ?? card.accountGiven, "inbox-item__name"), el("span", card.status, "inbox-item__time"));
        b.append(el("span", [card.company, card.topic].filter(Boolean).join(" · ") || texts.handoffCard, "inbox-item__text"));
        b.addEventListener("click", () => this.host.select(card.conversationId));
        item.append(b);
        return item;
      }),
    );
  }

  private renderDue(): void {
    const texts = this.host.texts();
    const format = new Intl.DateTimeFormat(this.host.language(), { day: "2-digit", month: "2-digit", hour: "2-digit", minute: "2-digit" });
    const items = Array.from(this.due.values()).sort((a, b) => Date.parse(a.dueAt) - Date.parse(b.dueAt));
    this.elements.dueCount.textContent = String(items.length);
    this.elements.dueList.replaceChildren(
      ...items.map((due) => {
        const item = el("li");
        const b = el("button", undefined, `inbox-item${due.overdue ? " inbox-item--overdue" : ""}`);
        b.type = "button";
        b.dataset.testid = "due-item";
        b.append(
          el("span", due.visitorName ?? due.kind, "inbox-item__name"),
          el("span", `${due.overdue ? texts.overdue : texts.dueBy} ${format.format(new Date(due.dueAt))}`, "inbox-item__time"),
        );
        if (due.conversationId) {
          const id = due.conversationId;
          b.addEventListener("click", () => this.host.select(id));
        }
        item.append(b);
        if (!due.noticeSentAt) {
          const actions = el("div", undefined, "inbox-actions");
          actions.append(
            button(texts.longerWork, "longer-work", () =>
              void this.call(async () => {
                await this.hub.invoke("SendLongerWorkNotice", due.id);
                this.due.set(due.id, { ...due, noticeSentAt: new Date().toISOString() });
                this.renderDue();
              }),
            ),
          );
          item.append(actions);
        }
        return item;
      }),
    );
  }

  private renderColleagues(): void {
    const texts = this.host.texts();
    const statusText: Record<AgentStatus, string> = { Online: texts.statusOnline, Away: texts.statusAway, Offline: texts.statusOffline };
    this.elements.colleagues.replaceChildren(
      ...Array.from(this.colleagues.values())
        .sort((a, b) => a.displayName.localeCompare(b.displayName))
        .map((agent) => {
          const item = el("li", `${agent.displayName} — ${agent.connected ? statusText[agent.status] : texts.statusOffline}, ${agent.onShift ? texts.onShift : texts.offShift}`);
          item.dataset.available = String(agent.available);
          item.dataset.login = agent.login;
          return item;
        }),
    );
  }

  private renderCard(): void {
    const texts = this.host.texts();
    const selected = this.host.selected();
    const card = selected ? this.cardOf(selected) : undefined;
    const panel = this.elements.handoffCard;
    panel.hidden = !card;
    if (!card) {
      panel.replaceChildren();
      return;
    }
    const list = el("dl");
    const rows: [string, string | null][] = [
      [texts.account, card.accountName ?? card.accountGiven],
      [texts.company, card.company],
      [texts.tariff, card.tariff],
      [texts.phone, card.phone],
      [texts.email, card.email],
      [texts.topic, card.topic],
      [texts.status, card.status],
    ];
    for (const [label, value] of rows) {
      if (value) {
        const dd = el("dd", value);
        if (label === texts.status) {
          dd.dataset.testid = "handoff-status";
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
    if (!this.isAddressee(card)) {
      panel.replaceChildren(...children);
      return;
    }
    const buttons = el("div", undefined, "buttons");
    if (card.status !== "Accepted" && card.status !== "Contacted") {
      buttons.append(button(texts.accept, "accept-handoff", () => void this.advance(() => this.hub.invoke("AcceptHandoff", card.id)), "primary"));
    }
    if (card.status !== "Contacted") {
      buttons.append(
        button(texts.contactedPhone, "contacted-phone", () => void this.advance(() => this.hub.invoke("RecordContact", { handoffId: card.id, method: "Phone" }))),
        button(texts.contactedEmail, "contacted-email", () => void this.advance(() => this.hub.invoke("RecordContact", { handoffId: card.id, method: "Email" }))),
      );
    }
    children.push(buttons);
    panel.replaceChildren(...children);
  }

  private renderCompany(): void {
    const texts = this.host.texts();
    const panel = this.elements.companyPanel;
    const load = this.company;
    panel.hidden = !load;
    if (!load) {
      panel.replaceChildren();
      return;
    }
    const list = el("dl");
    list.append(el("dt", texts.company), el("dd", load.company), el("dt", texts.requests), el("dd", String(load.requests)), el("dt", texts.minutes), el("dd", String(load.minutes)));
    const children: HTMLElement[] = [el("h3", texts.companyPanel), list];
    if (load.referToTraining) {
      const advice = el("p", texts.referral, "recommendation");
      advice.dataset.testid = "referral";
      advice.setAttribute("role", "status");
      children.push(advice);
    }
    panel.replaceChildren(...children);
  }

  private renderVisitor(): void {
    const texts = this.host.texts();
    const panel = this.elements.visitorDetails;
    const details = this.visitor;
    panel.hidden = !details;
    if (!details) {
      panel.replaceChildren();
      return;
    }
    const format = new Intl.DateTimeFormat(this.host.language(), { day: "2-digit", month: "2-digit", hour: "2-digit", minute: "2-digit" });
    const list = el("dl");
    const online = el("dd", details.online ? texts.yes : texts.no);
    online.dataset.testid = "visitor-online";
    list.append(
      el("dt", texts.visitorName),
      el("dd", details.visitorName || texts.visitor),
      el("dt", texts.language),
      el("dd", details.language),
      el("dt", texts.started),
      el("dd", format.format(new Date(details.startedAt))),
      el("dt", texts.online),
      online,
    );
    const pages = el("ul", undefined, "pages");
    pages.dataset.testid = "visited-pages";
    pages.append(...details.pages.map((visit) => this.visitedPage(visit, format)));
    const children: HTMLElement[] = [el("h3", texts.visitorDetails), list, el("h4", texts.pagesVisited), pages];
    if (details.pages.length === 0) {
      children.push(el("p", texts.noPages, "muted"));
    }
    panel.replaceChildren(...children);
  }

  /** One visited page: an anchor only for an http(s) address, never opener-linked; the title and address are text. */
  private visitedPage(visit: PageVisit, format: Intl.DateTimeFormat): HTMLLIElement {
    const item = el("li");
    item.dataset.testid = "visited-page";
    const href = safeHref(visit.url);
    const label = visit.title || visit.url;
    if (href) {
      const link = el("a", label);
      link.href = href;
      link.target = "_blank";
      link.rel = "noopener noreferrer";
      link.title = visit.url;
      item.append(link);
    } else {
      item.append(el("span", label));
    }
    const when = el("time", format.format(new Date(visit.viewedAt)), "muted");
    when.dateTime = visit.viewedAt;
    item.append(" ", when);
    if (visit.title) {
      item.append(el("div", visit.url, "page-url"));
    }
    return item;
  }

  private renderNotes(): void {
    const format = new Intl.DateTimeFormat(this.host.language(), { hour: "2-digit", minute: "2-digit" });
    this.elements.notes.replaceChildren(
      ...this.notes.map((note) => {
        const item = el("li", `${note.authorName}, ${format.format(new Date(note.createdAt))}: ${note.text}`);
        item.dataset.testid = "note";
        return item;
      }),
    );
  }

  private readonly onStatus = (): void => {
    void this.call(() => this.hub.invoke("SetStatus", this.elements.myStatus.value as AgentStatus));
  };

  /**
   * The policy's ready message for the chosen topic, as this agent's message in the visitor's language; it comes back
   * through MessageReceived. The button is off while the call runs, so a double click sends once.
   */
  private readonly onRedirectChosen = (): void => {
    this.elements.redirectTopic.dataset.chosen = this.elements.redirectTopic.value;
  };

  private readonly onRedirect = (event: SubmitEvent): void => {
    event.preventDefault();
    const conversationId = this.host.selected();
    const topic = this.elements.redirectTopic.value;
    const submit = this.elements.redirectButton;
    if (!conversationId || !topic || submit.disabled) {
      return;
    }
    submit.disabled = true;
    submit.setAttribute("aria-busy", "true");
    submit.textContent = this.host.texts().redirecting;
    this.elements.detailsError.textContent = "";
    void this.call(() => this.hub.invoke("RedirectConversation", { conversationId, clientMessageId: crypto.randomUUID(), topic })).finally(() => {
      submit.disabled = false;
      submit.removeAttribute("aria-busy");
      submit.textContent = this.host.texts().redirect;
    });
  };

  private readonly onNote = (event: SubmitEvent): void => {
    event.preventDefault();
    const conversationId = this.host.selected();
    const text = this.elements.noteInput.value.trim();
    if (!conversationId || !text) {
      return;
    }
    void this.call(async () => {
      const note = await this.hub.invoke("AddNote", { conversationId, clientNoteId: crypto.randomUUID(), text });
      this.elements.noteInput.value = "";
      if (!this.notes.some((n) => n.id === note.id)) {
        this.notes.push(note);
        this.renderNotes();
      }
    });
  };

  private readonly onTransfer = (event: SubmitEvent): void => {
    event.preventDefault();
    const conversationId = this.host.selected();
    const target = this.elements.transferInput.value.trim();
    if (!conversationId || !target) {
      return;
    }
    const isLogin = target.includes(".");
    void this.call(async () => {
      await this.hub.invoke("TransferConversation", { conversationId, toLogin: isLogin ? target : null, toDepartment: isLogin ? null : target });
      this.elements.transferInput.value = "";
    });
  };

  private readonly onClose = (event: SubmitEvent): void => {
    event.preventDefault();
    const conversationId = this.host.selected();
    if (!conversationId) {
      return;
    }
    const minutes = Math.max(0, Math.min(600, Number.parseInt(this.elements.preparationInput.value, 10) || 0));
    void this.call(async () => {
      const closed = await this.hub.invoke("CloseConversation", { conversationId, preparationMinutes: minutes });
      this.elements.preparationInput.value = "0";
      this.host.closed(closed.conversation);
      this.company = await this.hub.invoke("GetCompanyLoad", conversationId);
      this.renderCompany();
    });
  };
}
