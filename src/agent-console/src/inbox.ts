// The inbox as plain state: summaries by id, newest first, with what the agent has already seen.

import type { ConversationSummary } from "@chat/shared/contracts";

export class Inbox {
  private readonly summaries = new Map<string, ConversationSummary>();
  private readonly seen = new Map<string, number>();

  /** The answer of GetInbox: replaces the list, keeping a live update that is newer than it. */
  replace(list: readonly ConversationSummary[]): void {
    const previous = new Map(this.summaries);
    this.summaries.clear();
    for (const summary of list) {
      const known = previous.get(summary.id);
      this.summaries.set(summary.id, known && known.lastSequence > summary.lastSequence ? known : summary);
    }
  }

  /** A ConversationUpdated event; an older one arriving late changes nothing. Closed conversations leave the list. */
  update(summary: ConversationSummary): void {
    const known = this.summaries.get(summary.id);
    if (known && known.lastSequence > summary.lastSequence) {
      return;
    }
    if (summary.status === "Open") {
      this.summaries.set(summary.id, summary);
    } else {
      this.summaries.delete(summary.id);
    }
  }

  get(id: string): ConversationSummary | undefined {
    return this.summaries.get(id);
  }

  /** Open conversations, the most recently active first. */
  list(): ConversationSummary[] {
    return Array.from(this.summaries.values()).sort((a, b) => Date.parse(b.updatedAt) - Date.parse(a.updatedAt) || b.lastSequence - a.lastSequence);
  }

  markSeen(id: string, sequence: number): void {
    this.seen.set(id, Math.max(sequence, this.seen.get(id) ?? 0));
  }

  isUnread(summary: ConversationSummary): boolean {
    return summary.lastSequence > (this.seen.get(summary.id) ?? 0);
  }
}
