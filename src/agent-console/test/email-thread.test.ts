// @vitest-environment happy-dom
import type { ChatMessage, EmailThread, SenderKind } from "@chat/shared/contracts";
import { MessageList } from "@chat/shared/message-list";
import { message, settle } from "@chat/shared/testing";
import { afterEach, describe, expect, it } from "vitest";
import { EmailThreadPanel } from "../src/email-thread";
import { context, conversationId, errorLine, FakeHub, otherConversationId, pageElement, testIds, texts, type Answers } from "./console";

const answered = "0193a000-0000-7000-8000-0000000000a1";
const pending = "0193a000-0000-7000-8000-0000000000a2";

/** A transcript as the console draws it: a MessageList whose stored messages the panel decorates. */
function emailPanel(answers: Answers) {
  const hub = new FakeHub(answers);
  const header = pageElement("p");
  const transcript = pageElement("div");
  const email = new EmailThreadPanel(context(hub), { header, transcript }, errorLine().line);
  const messages = () =>
    new MessageList(document, {
      ownSender: "Agent",
      language: "ru",
      labels: { you: "Вы", sending: "…", sent: "✓", failed: "×", list: "Сообщения" },
      testIds: { list: "message-list", message: "message" },
      decorate: (item, shown) => email.decorate(item, shown),
    });
  const onScreen = messages();
  transcript.append(onScreen.element);
  let sequence = 0;
  const into =
    (target: MessageList) =>
    (sender: SenderKind, id: string, overrides: Partial<ChatMessage> = {}): void => {
      sequence += 1;
      target.shown(message(sequence, { sender, id, ...overrides }));
    };
  const background = messages();
  return { email, header, list: onScreen.element, show: into(onScreen), background: background.element, showBehind: into(background) };
}

const thread = (overrides: Partial<EmailThread> = {}): EmailThread => ({
  conversationId,
  subject: "Продление договора",
  states: [{ conversationId, messageId: answered, status: "Sent", error: null }],
  ...overrides,
});

describe("EmailThreadPanel", () => {
  afterEach(() => document.body.replaceChildren());

  it("shows the channel and the subject, and each answer's sending state in Russian", async () => {
    const { email, header, list, show } = emailPanel({ GetEmailThread: () => thread() });
    show("Visitor", "0193a000-0000-7000-8000-0000000000a0");
    show("Agent", answered);
    show("Agent", pending);
    await email.show(conversationId);
    await settle();

    expect(header.hidden).toBe(false);
    expect(header.textContent).toBe("Электронная почта · Тема: Продление договора");
    expect(texts(testIds(list, "email-state"))).toEqual(["Отправлено", "Отправляется…"]);
  });

  it("follows EmailStateChanged, with the reason of a failure, and ignores other conversations", async () => {
    const { email, list, show } = emailPanel({ GetEmailThread: () => thread({ states: [] }) });
    show("Agent", pending);
    await email.show(conversationId);
    email.changed({ conversationId, messageId: pending, status: "Failed", error: "unreachable" });
    await settle();
    expect(texts(testIds(list, "email-state"))).toEqual(["Не отправлено: почтовый сервер недоступен, пробуем ещё раз"]);

    email.changed({ conversationId: otherConversationId, messageId: pending, status: "Sent", error: null });
    email.changed({ conversationId, messageId: pending, status: "Failed", error: "refused" });
    await settle();
    expect(texts(testIds(list, "email-state"))).toEqual(["Не отправлено: почтовый сервер отказался принять письмо"]);

    email.changed({ conversationId, messageId: pending, status: "Failed", error: "attachment_missing" });
    await settle();
    expect(texts(testIds(list, "email-state"))).toEqual(["Не отправлено: вложенный файл больше не хранится, отправьте ответ заново"]);

    email.changed({ conversationId, messageId: pending, status: "Sent", error: null });
    show("Agent", answered);
    await settle();
    expect(texts(testIds(list, "email-state"))).toEqual(["Отправлено", "Отправляется…"]);
    expect(testIds(list, "email-state").map((line) => line.dataset.status)).toEqual(["Sent", "Queued"]);
  });

  it("gives an answer shown after the thread is known its line once, also shown again or drawn again, and none to another conversation's", async () => {
    const { email, list, show, background, showBehind } = emailPanel({ GetEmailThread: () => thread() });
    await email.show(conversationId);
    await settle();

    show("Agent", answered, { clientMessageId: "10000000-0000-4000-8000-0000000000a1" });
    show("Visitor", "0193a000-0000-7000-8000-0000000000a0");
    show("Agent", answered, { clientMessageId: "10000000-0000-4000-8000-0000000000a1" });
    email.render();
    email.changed({ conversationId, messageId: answered, status: "Sent", error: null });
    showBehind("Agent", pending, { conversationId: otherConversationId });

    expect(testIds(list, "message").map((item) => item.querySelectorAll('[data-testid="email-state"]').length)).toEqual([0, 1]);
    expect(texts(testIds(list, "email-state"))).toEqual(["Отправлено"]);
    expect(testIds(background, "email-state")).toEqual([]);
  });

  it("shows the sending state of the longer-work notice, the one system message that is mailed", async () => {
    const notice = "0193a000-0000-7000-8000-0000000000a3";
    const { email, list, show } = emailPanel({ GetEmailThread: () => thread({ states: [{ conversationId, messageId: notice, status: "Sent", error: null }] }) });
    show("System", "0193a000-0000-7000-8000-0000000000a4");
    show("System", notice);
    await email.show(conversationId);
    await settle();
    expect(texts(testIds(list, "email-state"))).toEqual(["Отправлено"]);

    show("System", "0193a000-0000-7000-8000-0000000000a5");
    expect(texts(testIds(list, "email-state"))).toEqual(["Отправлено"]);
  });

  it("shows nothing for a conversation of another channel", async () => {
    const { email, header, list, show } = emailPanel({ GetEmailThread: () => null });
    show("Agent", answered);
    await email.show(conversationId);
    await settle();
    show("Agent", pending);
    expect(header.hidden).toBe(true);
    expect(testIds(list, "email-state")).toEqual([]);
  });

  it("takes the lines away when the conversation on screen is no longer an e-mail one", async () => {
    const { email, header, list, show } = emailPanel({ GetEmailThread: (id) => (id === conversationId ? thread() : null) });
    show("Agent", answered);
    show("Agent", pending);
    await email.show(conversationId);
    await settle();
    expect(texts(testIds(list, "email-state"))).toEqual(["Отправлено", "Отправляется…"]);

    await email.show(otherConversationId);
    await settle();
    expect(header.hidden).toBe(true);
    expect(testIds(list, "email-state")).toEqual([]);

    await email.show(conversationId);
    await settle();
    await email.show(null);
    expect(testIds(list, "email-state")).toEqual([]);
  });
});
