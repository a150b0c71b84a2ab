// @vitest-environment happy-dom
import type { AttachmentRef, SendResult } from "@chat/shared/contracts";
import { ApiError } from "@chat/shared/errors";
import { message, settle } from "@chat/shared/testing";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { Composer } from "../src/composer";
import { ConversationsPanel } from "../src/conversations";
import { Uploads } from "../src/uploads";
import { context, conversationElements, conversationId, errorLine, FakeHub, pageElement, refused, summary } from "./console";

const screenshot: AttachmentRef = { id: "0193e000-0000-7000-8000-000000000001", fileName: "screen.png", contentType: "image/png", size: 68, url: "/attachments/0193e000" };

function page(upload: (file: File) => Promise<AttachmentRef> = async () => screenshot) {
  const sent: SendResult = { message: message(2, { text: "Добрый день!" }), duplicate: false };
  const hub = new FakeHub({
    OpenConversation: () => ({ conversationId, lastSequence: 1, messages: [message(1)] }),
    MarkRead: (read) => read.sequence,
    SendMessage: () => sent,
  });
  const console = context(hub);
  const form = pageElement("form");
  const input = pageElement("textarea", form);
  const files = pageElement("input", form);
  files.type = "file";
  const attached = pageElement("span", form);
  const errors = errorLine();
  const conversations = new ConversationsPanel(console, conversationElements(form), {
    connected: () => true,
    summary: () => summary(),
    nameOf: (login) => login,
    seen: () => undefined,
    left: () => undefined,
    decorate: () => undefined,
  });
  const uploads = new Uploads(console, { input: files, attached }, errors.line, upload);
  const composer = new Composer(console, { form, input }, errors.line, uploads, () => conversations.current);
  return { hub, conversations, composer, uploads, input, files, attached, error: errors.element };
}

const press = (input: HTMLTextAreaElement, key: string, shiftKey = false) => input.dispatchEvent(new KeyboardEvent("keydown", { key, shiftKey, cancelable: true }));
const type = (input: HTMLTextAreaElement, text: string) => {
  input.value = text;
  input.dispatchEvent(new Event("input"));
};
const pick = (files: HTMLInputElement, file: File) => {
  Object.defineProperty(files, "files", { value: [file], configurable: true });
  files.dispatchEvent(new Event("change"));
};

describe("Composer", () => {
  let view: ReturnType<typeof page>;

  beforeEach(async () => {
    view = page();
    view.conversations.select(conversationId);
    await settle();
  });

  afterEach(() => document.body.replaceChildren());

  it("sends the reply on Enter through the outbox and empties the box; Shift+Enter does not send", async () => {
    type(view.input, "Добрый день!");
    press(view.input, "Enter", true);
    expect(view.hub.args("SendMessage")).toEqual([]);
    press(view.input, "Enter");
    await settle();

    expect(view.hub.args("SendMessage")).toEqual([[{ conversationId, clientMessageId: expect.stringMatching(/^[0-9a-f-]{36}$/), text: "Добрый день!" }]]);
    expect(view.input.value).toBe("");
  });

  it("tells the agent typing started and, on sending, that it stopped", async () => {
    type(view.input, "Добрый");
    press(view.input, "Enter");
    await settle();
    expect(view.hub.args("Typing")).toEqual([[{ conversationId, isTyping: true }], [{ conversationId, isTyping: false }]]);
  });

  it("refuses an empty reply in words and clears the words when the agent types again", () => {
    press(view.input, "Enter");
    expect(view.error.textContent).toBe("Сообщение пустое.");
    type(view.input, "Д");
    expect(view.error.textContent).toBe("");
  });

  it("sends the attached screenshot with the reply and forgets it afterwards", async () => {
    pick(view.files, new File(["png"], "screen.png", { type: "image/png" }));
    await settle();
    expect(view.attached.textContent).toBe("Прикреплено: screen.png");

    type(view.input, "  Вот снимок  ");
    press(view.input, "Enter");
    await settle();
    expect(view.hub.args("SendMessage")).toEqual([[{ conversationId, clientMessageId: expect.stringMatching(/^[0-9a-f-]{36}$/), text: "Вот снимок", attachmentIds: [screenshot.id] }]]);
    expect([view.attached.textContent, view.input.value, view.uploads.attached.length]).toEqual(["", "", 0]);
  });

  it("keeps the reply and the attachment when the server refuses them", async () => {
    pick(view.files, new File(["png"], "screen.png", { type: "image/png" }));
    await settle();
    view.hub.answers.SendMessage = () => refused("attachment_not_found");
    type(view.input, "Вот снимок");
    press(view.input, "Enter");
    await settle();
    expect(view.error.textContent).toBe("Ошибка на сервере, попробуйте ещё раз.");
    expect([view.input.value, view.uploads.attached.length]).toEqual(["Вот снимок", 1]);
  });
});

describe("Uploads", () => {
  afterEach(() => document.body.replaceChildren());

  it("says why a file was refused and lets the agent pick another", async () => {
    const view = page(() => Promise.reject(new ApiError(429, "rate_limited", "Too many requests")));
    pick(view.files, new File(["x"], "screen.png", { type: "image/png" }));
    await settle();
    expect(view.error.textContent).toBe("Слишком много сообщений подряд, попробуйте чуть позже.");
    expect(view.attached.textContent).toBe("");
    expect(view.uploads.attached).toEqual([]);
  });
});
