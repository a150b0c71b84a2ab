// Due today and overdue (R7): the caller's and their pool's unanswered written requests, nearest due first. A queued item
// delivered live is acknowledged (at least once: a repeated id is dropped) and refreshes the list; "needs longer work"
// sends the visitor the notice and moves the due time.

import type { DueItem, QueuedItem } from "@chat/shared/contracts";
import type { ConsoleContext } from "./context";
import { button, dayTimeFormat, el, userText } from "./dom";
import type { ErrorLine } from "./error-line";

export interface DueItemsElements {
  list: HTMLUListElement;
  count: HTMLElement;
}

export class DueItemsPanel {
  private items = new Map<string, DueItem>();
  private readonly delivered = new Set<string>();

  constructor(
    private readonly context: ConsoleContext,
    private readonly elements: DueItemsElements,
    private readonly errors: ErrorLine,
    private readonly select: (conversationId: string) => void,
  ) {}

  async load(): Promise<void> {
    this.items = new Map((await this.context.hub.invoke("GetDueItems")).map((item) => [item.id, item]));
    this.render();
  }

  /** QueuedItemDelivered: acknowledged every time, shown once. */
  async queued(item: QueuedItem): Promise<void> {
    await this.context.hub.invoke("AcknowledgeDelivery", item.id).catch(() => undefined);
    if (this.delivered.has(item.id)) {
      return;
    }
    this.delivered.add(item.id);
    await this.load().catch(() => undefined);
  }

  render(): void {
    const texts = this.context.texts();
    const format = dayTimeFormat(this.context.language());
    const items = Array.from(this.items.values()).sort((a, b) => Date.parse(a.dueAt) - Date.parse(b.dueAt));
    this.elements.count.textContent = String(items.length);
    this.elements.list.replaceChildren(
      ...items.map((due) => {
        const item = el("li");
        const open = el("button", undefined, `inbox-item${due.overdue ? " inbox-item--overdue" : ""}`);
        open.type = "button";
        open.dataset.testid = "due-item";
        open.append(
          userText("span", due.visitorName ?? texts.visitor, "inbox-item__name"),
          el("span", `${due.overdue ? texts.overdue : texts.dueBy} ${format.format(new Date(due.dueAt))}`, "inbox-item__time"),
        );
        const conversationId = due.conversationId;
        if (conversationId) {
          open.addEventListener("click", () => this.select(conversationId));
        }
        item.append(open);
        if (!due.noticeSentAt) {
          const actions = el("div", undefined, "inbox-actions");
          actions.append(button(texts.longerWork, "longer-work", () => void this.longerWork(due)));
          item.append(actions);
        }
        return item;
      }),
    );
  }

  private async longerWork(due: DueItem): Promise<void> {
    await this.errors.run(async () => {
      await this.context.hub.invoke("SendLongerWorkNotice", due.id);
      this.items.set(due.id, { ...due, noticeSentAt: new Date().toISOString() });
      this.render();
    });
  }
}
