// @vitest-environment happy-dom
import type { ConversationSummary, ResumeResult } from "@chat/shared/contracts";
import { message, settle } from "@chat/shared/testing";
import { afterEach, describe, expect, it } from "vitest";
import { ConversationsPanel } from "../src/conversations";
import { context, conversationElements, conversationId, FakeHub, me, testId, testIds, summary, type Answers } from "./console";

function panel(answers: Answers, online = true, inboxLine: ConversationSummary | undefined = summary({ assignedTo: me.login })) {
  const hub = new FakeHub({ MarkRead: (read) => read.sequence, LeaveConversation: () => undefined, ...answers });
  const elements = conversationElements();
  const seen: [string, number][] = [];
  const left: string[] = [];
  let connected = online;
  const conversations = new ConversationsPanel(context(hub), elements, {
    connected: () => connected,
    summary: () => inboxLine,
    nameOf: (login) => (login === "m.smirnova" ? "Мария Смирнова (m.smirnova)" : login),
    seen: (id, sequence) => seen.push([id, sequence]),
    left: (id) => left.push(id),
    decorate: () => undefined,
  });
  return { hub, conversations, elements, seen, left, connect: () => (connected = true), leaveInbox: () => (inboxLine = undefined) };
}

const resume = (count: number, readByVisitor = 0): ResumeResult => ({
  conversationId,
  lastSequence: count,
  messages: Array.from({ length: count }, (_, i) => message(i + 1)),
  readByVisitor,
  readByAgent: 0,
});

const shownMessages = (transcript: HTMLElement) => testIds(transcript, "message").map((item) => [item.dataset.sequence, item.dataset.state]);

describe("ConversationsPanel", () => {
  afterEach(() => document.body.replaceChildren());

  const readOnly = (elements: ReturnType<typeof conversationElements>) => [elements.replyForm.hidden, elements.actions.disabled, elements.state.hidden, elements.state.textContent];

  it("turns read-only with a line saying to whom once this agent's conversation is held by another", async () => {
    const { conversations, elements } = panel({ OpenConversation: () => resume(1) });
    conversations.select(conversationId);
    await settle();
    expect(readOnly(elements)).toEqual([false, false, true, ""]);

    conversations.updated(summary({ assignedTo: "m.smirnova" }));
    expect(readOnly(elements)).toEqual([true, true, false, "Вы передали диалог, теперь его ведёт Мария Смирнова (m.smirnova)."]);
    expect(testIds(elements.transcript, "message")).toHaveLength(1);
  });

  it("turns read-only once closed, here or elsewhere, and writable again when the visitor reopens it", async () => {
    const { conversations, elements, leaveInbox } = panel({ OpenConversation: () => resume(1) });
    conversations.select(conversationId);
    await settle();

    leaveInbox();
    conversations.updated(summary({ assignedTo: me.login, status: "Closed" }));
    expect(readOnly(elements)).toEqual([true, true, false, "Диалог завершён."]);
    expect(elements.title.textContent).toBe("Анна");
    conversations.updated(summary({ assignedTo: me.login, lastSequence: 2 }));
    expect(readOnly(elements)).toEqual([false, false, true, ""]);
  });

  it("says who holds a conversation another agent took, and leaves one in the queue writable", async () => {
    const { conversations, elements } = panel({ OpenConversation: () => resume(1) }, true, summary({ assignedTo: "m.smirnova" }));
    conversations.select(conversationId);
    await settle();
    expect(readOnly(elements)).toEqual([true, true, false, "Диалог ведёт Мария Смирнова (m.smirnova)."]);

    conversations.updated(summary({ assignedTo: null, department: "managers" }));
    expect(readOnly(elements)).toEqual([false, false, true, ""]);
  });

  it("opens a conversation from its start and shows it with its title, the reply box and the read state", async () => {
    const { hub, conversations, elements, seen } = panel({ OpenConversation: () => resume(2, 2) });
    conversations.select(conversationId);
    await settle();

    expect(hub.args("OpenConversation")).toEqual([[conversationId, 0]]);
    expect(elements.title.textContent).toBe("Анна");
    expect([elements.leave.hidden, elements.replyForm.hidden, elements.pick.hidden]).toEqual([false, false, true]);
    expect(shownMessages(elements.transcript)).toEqual([
      ["1", "sent"],
      ["2", "read"],
    ]);
    expect(seen.at(-1)).toEqual([conversationId, 2]);
    expect(hub.args("MarkRead")).toEqual([[{ conversationId, sequence: 1 }]]);
  });

  it("waits for the connection before loading a conversation chosen offline", async () => {
    const { hub, conversations, elements, connect } = panel({ OpenConversation: () => resume(1) }, false);
    conversations.select(conversationId);
    await settle();
    expect(hub.calls).toEqual([]);
    connect();
    await conversations.connected();
    await settle();
    expect(shownMessages(elements.transcript)).toEqual([["1", "sent"]]);
  });

  it("shows live messages once, and the visitor's read mark on the agents' messages", async () => {
    const { conversations, elements } = panel({ OpenConversation: () => resume(1) });
    conversations.select(conversationId);
    await settle();
    conversations.received(message(2));
    conversations.received(message(2));
    conversations.readUpTo({ conversationId, reader: "Visitor", sequence: 2 });
    expect(shownMessages(elements.transcript)).toEqual([
      ["1", "sent"],
      ["2", "read"],
    ]);
  });

  it("says who is typing, but not the agent's own other tabs, and forgets a typist whose message arrives", async () => {
    const { conversations, elements } = panel({ OpenConversation: () => resume(1) });
    conversations.select(conversationId);
    await settle();
    conversations.typingChanged({ conversationId, sender: "Visitor", name: "", isTyping: true });
    conversations.typingChanged({ conversationId, sender: "Agent", name: me.displayName, isTyping: true, login: me.login });
    expect(elements.typing.textContent).toBe("Посетитель печатает…");

    conversations.typingChanged({ conversationId, sender: "Agent", name: "Мария Смирнова", isTyping: true, login: "m.smirnova" });
    expect(elements.typing.textContent).toBe("Посетитель, Мария Смирнова печатают…");
    expect(Array.from(elements.typing.querySelectorAll("bdi"), (name) => name.textContent)).toEqual(["Посетитель", "Мария Смирнова"]);

    conversations.received(message(2, { sender: "Agent", senderName: "Мария Смирнова" }));
    expect(elements.typing.textContent).toBe("Посетитель печатает…");
  });

  it("hides the conversation on the leave button and stops following it", async () => {
    const { hub, conversations, elements, left } = panel({ OpenConversation: () => resume(1) });
    conversations.select(conversationId);
    await settle();
    elements.leave.click();

    expect(hub.args("LeaveConversation")).toEqual([[conversationId]]);
    expect(left).toEqual([conversationId]);
    expect(elements.transcript.childElementCount).toBe(0);
    expect([elements.leave.hidden, elements.replyForm.hidden, elements.pick.hidden]).toEqual([true, true, false]);
    expect(conversations.current).toBeUndefined();
  });

  it("draws the transcripts again in the new language", async () => {
    let language: "ru" | "en" = "ru";
    const hub = new FakeHub({ OpenConversation: () => resume(2, 2), MarkRead: (read) => read.sequence });
    const elements = conversationElements();
    const conversations = new ConversationsPanel(context(hub, () => language), elements, {
      connected: () => true,
      summary: () => summary({ visitorName: "Anna" }),
      nameOf: (login) => login,
      seen: () => undefined,
      left: () => undefined,
      decorate: () => undefined,
    });
    conversations.select(conversationId);
    await settle();
    language = "en";
    conversations.relabel();

    expect(testId(elements.transcript, "message-list").getAttribute("aria-label")).toBe("Conversation messages");
    expect(shownMessages(elements.transcript)).toEqual([
      ["1", "sent"],
      ["2", "read"],
    ]);
  });
});
