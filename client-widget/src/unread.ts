// Counts consultant messages the visitor has not seen, remembering across reloads what was read.

import type { ChatMessage } from "@chat/shared/contracts";
import { readJson, type KeyValueStore } from "@chat/shared/storage";

interface ReadMark {
  conversationId: string;
  sequence: number;
}

export class UnreadCounter {
  private count = 0;

  constructor(
    private readonly store: KeyValueStore,
    private readonly key: string,
  ) {}

  get unread(): number {
    return this.count;
  }

  /** A message was shown while the panel is closed: it counts when it came from someone else and is past the read mark. */
  seenWhileClosed(message: ChatMessage): void {
    if (message.sender !== "Visitor" && message.sequence > this.readUpTo(message.conversationId)) {
      this.count++;
    }
  }

  /** The visitor looked at the conversation up to `sequence`. */
  markRead(conversationId: string, sequence: number): void {
    this.count = 0;
    if (sequence > this.readUpTo(conversationId)) {
      const mark: ReadMark = { conversationId, sequence };
      this.store.setItem(this.key, JSON.stringify(mark));
    }
  }

  reset(): void {
    this.count = 0;
  }

  private readUpTo(conversationId: string): number {
    const mark = readJson(this.store, this.key) as Partial<ReadMark> | null;
    return mark?.conversationId === conversationId && typeof mark.sequence === "number" ? mark.sequence : 0;
  }
}
