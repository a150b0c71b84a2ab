// The inbox's conversation sections: the queue (unassigned) and my conversations, most recent first, with their counts,
// unread marks, the e-mail ones marked as mail, and the one on screen; a new chat or mail in the queue is announced.

import type { ConversationSummary } from "@chat/shared/contracts";
import type { ConsoleContext } from "./context";
import { el, timeFormat, userText } from "./dom";
import { Inbox } from "./inbox";

export interface InboxElements {
  queue: HTMLUListElement;
  queueCount: HTMLElement;
  mine: HTMLUListElement;
  mineCount: HTMLElement;
  empty: HTMLElement;
}

export interface InboxHost {
  /** The conversation on screen, or null. */
  selected(): string | null;
  select(conversationId: string): void;
  alert(title: string, body: string): void;
}

export class InboxPanel {
  private readonly inbox = new Inbox();

  constructor(
    private readonly context: ConsoleContext,
    private readonly elements: InboxElements,
    private readonly host: InboxHost,
  ) {}

  /** Signed out: nothing of this agent's inbox stays on the page. */
  stop(): void {
    for (const list of [this.elements.queue, this.elements.mine]) {
      list.replaceChildren();
    }
  }

  get(conversationId: string): ConversationSummary | undefined {
    return this.inbox.get(conversationId);
  }

  /** After every (re)connect: the open conversations as the server has them. */
  async load(): Promise<void> {
    this.inbox.replace(await this.context.hub.invoke("GetInbox"));
    this.render();
  }

  /** ConversationUpdated, or the answer to a close. */
  update(summary: ConversationSummary): void {
    if (!this.inbox.get(summary.id) && !summary.assignedTo && summary.status === "Open") {
      const texts = this.context.texts();
      this.host.alert(summary.channel === "email" ? texts.newMail : texts.newChat, summary.visitorName);
    }
    this.inbox.update(summary);
    this.render();
  }

  /** The agent has seen the conversation up to `sequence`: it is no longer marked unread. */
  seen(conversationId: string, sequence: number): void {
    this.inbox.markSeen(conversationId, sequence);
    this.render();
  }

  /** Redraws both sections, keeping the keyboard focus on the item that had it. */
  render(): void {
    const { queue, queueCount, mine, mineCount, empty } = this.elements;
    const focused = (document.activeElement as HTMLElement | null)?.dataset?.conversationId;
    const all = this.inbox.list();
    const waiting = all.filter((summary) => !summary.assignedTo);
    const taken = all.filter((summary) => summary.assignedTo === this.context.me.login);
    queue.replaceChildren(...waiting.map((summary) => this.item(summary)));
    mine.replaceChildren(...taken.map((summary) => this.item(summary)));
    queueCount.textContent = String(waiting.length);
    mineCount.textContent = String(taken.length);
    empty.hidden = waiting.length + taken.length > 0;
    if (focused) {
      queue.parentElement?.querySelector<HTMLElement>(`[data-conversation-id="${CSS.escape(focused)}"]`)?.focus();
    }
  }

  private item(summary: ConversationSummary): HTMLLIElement {
    const selected = summary.id === this.host.selected();
    const unread = this.inbox.isUnread(summary) && !selected;
    const open = el("button", undefined, "inbox-item");
    open.type = "button";
    open.dataset.testid = "inbox-item";
    open.dataset.conversationId = summary.id;
    open.classList.toggle("inbox-item--unread", unread);
    if (selected) {
      open.setAttribute("aria-current", "true");
    }
    const when = el("time", timeFormat(this.context.language()).format(new Date(summary.updatedAt)), "inbox-item__time");
    when.dateTime = summary.updatedAt;
    const text = userText("span", summary.lastText ?? "", "inbox-item__text");
    if (summary.channel === "email") {
      text.prepend(el("span", this.context.texts().mailMark, "inbox-item__channel"), " ");
    }
    open.append(userText("span", summary.visitorName, "inbox-item__name"), when, text);
    if (unread) {
      open.append(el("span", `, ${this.context.texts().newMessages}`, "sr-only"));
    }
    open.addEventListener("click", () => this.host.select(summary.id));
    const item = el("li");
    item.append(open);
    return item;
  }
}
