// @vitest-environment happy-dom
import type { EmailThread } from "@chat/shared/contracts";
import { settle } from "@chat/shared/testing";
import { afterEach, describe, expect, it } from "vitest";
import { EmailThreadPanel } from "../src/email-thread";
import { context, conversationId, errorLine, FakeHub, otherConversationId, pageElement, testIds, texts, type Answers } from "./console";

const answered = "0193a000-0000-7000-8000-0000000000a1";
const pending = "0193a000-0000-7000-8000-0000000000a2";

function message(sender: string, id: string): HTMLLIElement {
  const item = document.createElement("li");
  item.dataset.sender = sender;
  item.dataset.messageId = id;
  return item;
}

function emailPanel(answers: Answers) {
  const hub = new FakeHub(answers);
  const header = pageElement("p");
  const transcript = pageElement("div");
  const list = pageElement("ol", transcript);
  return { email: new EmailThreadPanel(context(hub), { header, transcript }, errorLine().line), header, list };
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
    const { email, header, list } = emailPanel({ GetEmailThread: () => thread() });
    list.append(message("Visitor", "0193a000-0000-7000-8000-0000000000a0"), message("Agent", answered), message("Agent", pending));
    await email.show(conversationId);
    await settle();

    expect(header.hidden).toBe(false);
    expect(header.textContent).toBe("Электронная почта · Тема: Продление договора");
    expect(texts(testIds(list, "email-state"))).toEqual(["Отправлено", "Отправляется…"]);
  });

  it("follows EmailStateChanged, with the reason of a failure, and ignores other conversations", async () => {
    const { email, list } = emailPanel({ GetEmailThread: () => thread({ states: [] }) });
    list.append(message("Agent", pending));
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
    list.append(message("Agent", answered));
    await settle();
    expect(texts(testIds(list, "email-state"))).toEqual(["Отправлено", "Отправляется…"]);
  });

  it("shows the sending state of the longer-work notice, the one system message that is mailed", async () => {
    const notice = "0193a000-0000-7000-8000-0000000000a3";
    const { email, list } = emailPanel({ GetEmailThread: () => thread({ states: [{ conversationId, messageId: notice, status: "Sent", error: null }] }) });
    list.append(message("System", "0193a000-0000-7000-8000-0000000000a4"), message("System", notice));
    await email.show(conversationId);
    await settle();
    expect(texts(testIds(list, "email-state"))).toEqual(["Отправлено"]);
  });

  it("shows nothing for a conversation of another channel", async () => {
    const { email, header, list } = emailPanel({ GetEmailThread: () => null });
    list.append(message("Agent", answered));
    await email.show(conversationId);
    await settle();
    expect(header.hidden).toBe(true);
    expect(testIds(list, "email-state")).toEqual([]);
  });
});
