// Renders a conversation's messages, shared by the widget and the agent console. Stored messages are
// keyed by clientMessageId, so the stored copy replaces its pending one and never doubles it. All
// user text goes in as text nodes; links are anchors built by appendRichText. Names and texts are each isolated
// (dir="auto"), so right-to-left text cannot reorder what surrounds it.

import type { AttachmentRef, ChatMessage, SenderKind } from "./contracts";
import { sameId } from "./ids";
import { appendRichText } from "./linkify";
import type { OutboxEntry } from "./outbox";

export interface MessageListLabels {
  you: string;
  sending: string;
  sent: string;
  failed: string;
  list: string;
  /** Added to the time of an own message the other side has read; without it only `data-state` says so. */
  read?: string;
  /** The author shown on automatic (System) messages; without it, the name the server gave. */
  system?: string;
}

export interface MessageListOptions {
  ownSender: SenderKind;
  /** System messages shown as notices without an author line (the widget); otherwise signed like the others. */
  unsignedSystem?: boolean;
  language: string;
  labels: MessageListLabels;
  testIds: { list: string; message: string };
  /** The server's origin, for attachment links ("" = this page's origin). */
  attachmentBase?: string;
  /**
   * Called with each stored message's item before it goes into the list, every time it is shown (so also when drawn
   * again or replacing its pending copy), to add to it: the console's e-mail sending state.
   */
  decorate?(item: HTMLLIElement, message: ChatMessage): void;
}

export type MessageState = "sending" | "sent" | "read" | "failed";

export class MessageList {
  readonly element: HTMLOListElement;
  private readonly time: Intl.DateTimeFormat;
  private readMark = 0;

  constructor(
    private readonly doc: Document,
    private readonly options: MessageListOptions,
  ) {
    this.element = doc.createElement("ol");
    this.element.className = "messages";
    this.element.dataset.testid = options.testIds.list;
    this.element.setAttribute("role", "log");
    this.element.setAttribute("aria-live", "polite");
    this.element.setAttribute("aria-relevant", "additions");
    this.element.setAttribute("aria-label", options.labels.list);
    this.element.tabIndex = 0;
    this.time = new Intl.DateTimeFormat(options.language, { hour: "2-digit", minute: "2-digit" });
  }

  get isEmpty(): boolean {
    return this.element.childElementCount === 0;
  }

  /**
   * The other side has read this list's own messages up to `upTo` (a ResumeResult mark or a ReadUpTo event):
   * they go from sent to read. The mark only grows; own messages shown later at or below it come in read.
   */
  markRead(upTo: number): void {
    if (upTo <= this.readMark) {
      return;
    }
    this.readMark = upTo;
    for (const item of Array.from(this.element.querySelectorAll<HTMLLIElement>(':scope > [data-state="sent"]'))) {
      if (item.dataset.sender === this.options.ownSender && Number(item.dataset.sequence) <= upTo) {
        this.showRead(item);
      }
    }
  }

  /** A stored message, in sequence order; replaces the pending copy with the same client id. */
  shown(message: ChatMessage): void {
    const item = this.item(message.sender, this.author(message), message.text);
    item.dataset.sequence = String(message.sequence);
    if (message.attachments?.length) {
      item.insertBefore(this.attachments(message.attachments), item.querySelector(".message__meta"));
    }
    item.dataset.clientId = message.clientMessageId;
    item.dataset.messageId = message.id;
    this.setState(item, "sent", this.time.format(new Date(message.sentAt)));
    if (message.sender === this.options.ownSender && message.sequence <= this.readMark) {
      this.showRead(item);
    }
    this.options.decorate?.(item, message);
    const stale = this.find(message.clientMessageId);
    this.stickToBottom(() => {
      stale?.remove();
      this.element.insertBefore(item, this.firstSending());
    });
  }

  private author(message: ChatMessage): string {
    if (message.sender === this.options.ownSender) {
      return this.options.labels.you;
    }
    return message.sender === "System" ? (this.options.labels.system ?? message.senderName) : message.senderName;
  }

  /** A send not yet stored: shown at the end until the server answers. */
  pending(entry: OutboxEntry): void {
    if (this.find(entry.clientMessageId)) {
      return;
    }
    const item = this.item(this.options.ownSender, this.options.labels.you, entry.text);
    item.dataset.clientId = entry.clientMessageId;
    this.setState(item, "sending", this.options.labels.sending);
    this.stickToBottom(() => this.element.appendChild(item));
  }

  /** The server refused the send for good; it stays visible with the reason. */
  rejected(entry: OutboxEntry, reason: string): void {
    const item = this.find(entry.clientMessageId);
    if (item) {
      this.setState(item, "failed", `${this.options.labels.failed}: ${reason}`);
    }
  }

  /** Empties the list for another conversation, whose read mark starts again from 0. */
  clear(): void {
    this.element.replaceChildren();
    this.readMark = 0;
  }

  private item(sender: SenderKind, author: string, text: string): HTMLLIElement {
    const item = this.doc.createElement("li");
    const side = sender === "System" ? "system" : sender === this.options.ownSender ? "own" : "other";
    item.className = `message message--${side}`;
    item.dataset.testid = this.options.testIds.message;
    item.dataset.sender = sender;
    const bubble = this.doc.createElement("div");
    bubble.className = "message__text";
    bubble.dir = "auto";
    appendRichText(bubble, text, this.doc);
    const meta = this.doc.createElement("div");
    meta.className = "message__meta";
    if (sender === "System" && this.options.unsignedSystem) {
      item.append(bubble, meta);
      return item;
    }
    const name = this.doc.createElement("div");
    name.className = "message__author";
    name.dir = "auto";
    name.textContent = author;
    item.append(name, bubble, meta);
    return item;
  }

  /** Images inline, other files as download links; the address is built from the id only, never taken as given. */
  private attachments(files: readonly AttachmentRef[]): HTMLElement {
    const box = this.doc.createElement("div");
    box.className = "message__attachments";
    for (const file of files) {
      if (!/^[0-9a-f-]{32,36}$/i.test(file.id)) {
        continue;
      }
      const href = `${this.options.attachmentBase ?? ""}/attachments/${file.id.replace(/-/g, "")}`;
      const link = this.doc.createElement("a");
      link.href = href;
      link.target = "_blank";
      link.rel = "noopener noreferrer nofollow";
      link.dataset.testid = "attachment";
      if (/^image\/(png|jpeg|gif|webp)$/.test(file.contentType)) {
        const image = this.doc.createElement("img");
        image.src = href;
        image.alt = file.fileName;
        image.className = "message__image";
        link.append(image);
      } else {
        link.textContent = file.fileName;
      }
      box.append(link);
    }
    return box;
  }

  private setState(item: HTMLLIElement, state: MessageState, meta: string): void {
    item.dataset.state = state;
    const metaElement = item.querySelector(".message__meta");
    if (metaElement) {
      metaElement.textContent = meta;
    }
  }

  private showRead(item: HTMLLIElement): void {
    const time = item.querySelector(".message__meta")?.textContent ?? "";
    this.setState(item, "read", this.options.labels.read ? `${time} · ${this.options.labels.read}` : time);
  }

  private find(clientMessageId: string): HTMLLIElement | null {
    for (const child of Array.from(this.element.children)) {
      const id = (child as HTMLElement).dataset.clientId;
      if (id !== undefined && sameId(id, clientMessageId)) {
        return child as HTMLLIElement;
      }
    }
    return null;
  }

  private firstSending(): Element | null {
    return this.element.querySelector(':scope > [data-state="sending"]');
  }

  /** Runs a change and keeps the newest message in sight when the reader was already at the bottom. */
  private stickToBottom(change: () => void): void {
    const list = this.element;
    const atBottom = list.scrollHeight - list.scrollTop - list.clientHeight < 48;
    change();
    if (atBottom) {
      list.scrollTop = list.scrollHeight;
    }
  }
}
