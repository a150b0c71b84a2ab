import type { ConversationSummary } from "@chat/shared/contracts";
import { describe, expect, it } from "vitest";
import { Inbox } from "../src/inbox";

const summary = (id: string, lastSequence: number, updatedAt: string, status: "Open" | "Closed" = "Open"): ConversationSummary => ({
  id,
  visitorName: `Visitor ${id}`,
  status,
  lastSequence,
  lastText: `text ${lastSequence}`,
  updatedAt,
  assignedTo: null,
});

describe("Inbox", () => {
  it("lists the most recently active conversation first", () => {
    const inbox = new Inbox();
    inbox.replace([summary("a", 1, "2026-11-25T09:00:00Z"), summary("b", 1, "2026-11-25T09:05:00Z")]);
    inbox.update(summary("a", 2, "2026-11-25T09:10:00Z"));
    expect(inbox.list().map((s) => s.id)).toEqual(["a", "b"]);
  });

  it("ignores an update older than what it holds, and keeps a live update newer than a late GetInbox", () => {
    const inbox = new Inbox();
    inbox.update(summary("a", 5, "2026-11-25T09:10:00Z"));
    inbox.update(summary("a", 4, "2026-11-25T09:09:00Z"));
    expect(inbox.get("a")?.lastSequence).toBe(5);
    inbox.replace([summary("a", 3, "2026-11-25T09:08:00Z")]);
    expect(inbox.get("a")?.lastSequence).toBe(5);
  });

  it("drops a conversation that was closed", () => {
    const inbox = new Inbox();
    inbox.update(summary("a", 1, "2026-11-25T09:00:00Z"));
    inbox.update(summary("a", 2, "2026-11-25T09:01:00Z", "Closed"));
    expect(inbox.list()).toEqual([]);
  });

  it("marks a conversation unread until the agent has seen its last message", () => {
    const inbox = new Inbox();
    const a = summary("a", 3, "2026-11-25T09:00:00Z");
    inbox.update(a);
    expect(inbox.isUnread(a)).toBe(true);
    inbox.markSeen("a", 3);
    expect(inbox.isUnread(a)).toBe(false);
    inbox.markSeen("a", 1);
    expect(inbox.isUnread(a)).toBe(false);
  });
});
