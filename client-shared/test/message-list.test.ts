// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from "vitest";
import type { SenderKind } from "../src/contracts";
import { MessageList } from "../src/message-list";
import { message } from "./helpers";

const labels = { you: "Вы", sending: "Отправляется…", sent: "Доставлено", failed: "Не отправлено", list: "Сообщения", read: "Прочитано" };

function list(ownSender: SenderKind = "Visitor", read: string | null = labels.read): MessageList {
  const { read: _, ...rest } = labels;
  return new MessageList(document, {
    ownSender,
    language: "ru",
    labels: read === null ? rest : { ...rest, read },
    testIds: { list: "list", message: "message" },
  });
}

const item = (view: MessageList, sequence: number) => view.element.querySelector<HTMLElement>(`[data-sequence="${sequence}"]`)!;
const states = (view: MessageList) => Array.from(view.element.children, (li) => (li as HTMLElement).dataset.state);

describe("MessageList read marks", () => {
  let view: MessageList;

  beforeEach(() => {
    view = list();
    // Odd sequences are the visitor's, even ones an agent's.
    for (let n = 1; n <= 4; n++) {
      view.shown(message(n));
    }
  });

  it("shows own messages at or below the mark as read, with the label after the time", () => {
    view.markRead(3);
    expect(states(view)).toEqual(["read", "sent", "read", "sent"]);
    expect(item(view, 1).querySelector(".message__meta")!.textContent).toMatch(/^\d\d:\d\d · Прочитано$/);
    expect(item(view, 2).querySelector(".message__meta")!.textContent).toMatch(/^\d\d:\d\d$/);
  });

  it("leaves the other side's messages alone", () => {
    view.markRead(4);
    expect(item(view, 2).dataset.state).toBe("sent");
    expect(item(view, 4).dataset.state).toBe("sent");
  });

  it("never goes back", () => {
    view.markRead(3);
    view.markRead(1);
    expect(states(view)).toEqual(["read", "sent", "read", "sent"]);
    const fresh = list();
    fresh.markRead(3);
    fresh.markRead(1);
    [1, 2, 3].forEach((n) => fresh.shown(message(n)));
    expect(states(fresh)).toEqual(["read", "sent", "read"]);
  });

  it("applies the mark to own messages shown after it, such as a stored copy replacing its pending one", () => {
    view.pending({ clientMessageId: "pending-5", text: "later", createdAt: "2026-11-25T09:00:00Z" });
    view.markRead(5);
    expect((view.element.lastElementChild as HTMLElement).dataset.state).toBe("sending");
    view.shown(message(5, { clientMessageId: "pending-5", text: "later" }));
    expect(item(view, 5).dataset.state).toBe("read");
    expect(view.element.children).toHaveLength(5);
  });

  it("keeps read messages read when they are shown again into a fresh list", () => {
    const redrawn = list();
    redrawn.markRead(3);
    for (let n = 1; n <= 4; n++) {
      redrawn.shown(message(n));
    }
    expect(states(redrawn)).toEqual(["read", "sent", "read", "sent"]);
  });

  it("does not touch a failed send", () => {
    view.pending({ clientMessageId: "refused", text: "x", createdAt: "2026-11-25T09:00:00Z" });
    view.rejected({ clientMessageId: "refused", text: "x", createdAt: "2026-11-25T09:00:00Z" }, "too long");
    view.markRead(100);
    expect((view.element.lastElementChild as HTMLElement).dataset.state).toBe("failed");
  });

  it("starts over for another conversation", () => {
    view.markRead(3);
    view.clear();
    view.shown(message(1));
    expect(item(view, 1).dataset.state).toBe("sent");
  });

  it("reads the agents' side for a console list", () => {
    const console = list("Agent", null);
    for (let n = 1; n <= 4; n++) {
      console.shown(message(n));
    }
    console.markRead(2);
    expect(states(console)).toEqual(["sent", "read", "sent", "sent"]);
    expect(item(console, 2).querySelector(".message__meta")!.textContent).toMatch(/^\d\d:\d\d$/);
  });
});

describe("MessageList authors", () => {
  it("labels automatic messages with the label given, and keeps every author and text to its own direction", () => {
    const view = new MessageList(document, { ownSender: "Agent", language: "ru", labels: { ...labels, system: "Автоматическое сообщение" }, testIds: { list: "list", message: "message" } });
    view.shown({ ...message(1), sender: "System", senderName: "Chat", text: "Ответим до 10:00" });
    view.shown({ ...message(2), sender: "Visitor", senderName: "محمد", text: "مرحبا" });

    const authors = Array.from(view.element.querySelectorAll<HTMLElement>(".message__author"));
    expect(authors.map((author) => author.textContent)).toEqual(["Автоматическое сообщение", "محمد"]);
    expect([...authors, ...Array.from(view.element.querySelectorAll<HTMLElement>(".message__text"))].map((part) => part.dir)).toEqual(["auto", "auto", "auto", "auto"]);
  });

  it("shows the server's name on automatic messages without a label", () => {
    const view = list("Agent");
    view.shown({ ...message(1), sender: "System", senderName: "Chat" });
    expect(view.element.querySelector(".message__author")!.textContent).toBe("Chat");
  });
});

describe("MessageList files", () => {
  it("shows the files of the other side's message, such as a client's mail in the console: images inline, a PDF as a link", () => {
    const view = list("Agent");
    const png = { id: "0193a000-0000-7000-8000-0000000000aa", fileName: "Скриншот ошибки.png", contentType: "image/png", size: 67, url: "/attachments/ignored" };
    const pdf = { id: "0193a000-0000-7000-8000-0000000000bb", fileName: "счёт 42.pdf", contentType: "application/pdf", size: 300, url: "/attachments/ignored" };
    view.shown(message(1, { text: "Скриншот и счёт во вложении.", attachments: [png, pdf] }));

    const [image, link] = Array.from(item(view, 1).querySelectorAll<HTMLAnchorElement>('.message__attachments [data-testid="attachment"]'));
    expect(item(view, 1).dataset.sender).toBe("Visitor");
    expect(image!.getAttribute("href")).toBe(`/attachments/${png.id.replace(/-/g, "")}`);
    expect(image!.querySelector("img")!.alt).toBe("Скриншот ошибки.png");
    expect(link!.getAttribute("href")).toBe(`/attachments/${pdf.id.replace(/-/g, "")}`);
    expect(link!.textContent).toBe("счёт 42.pdf");
    expect(link!.querySelector("img")).toBeNull();
  });
});

describe("MessageList decorate", () => {
  it("adds to each stored message's item before it goes into the list, a stored copy replacing its pending one too, never to a pending send", () => {
    const decorated: [string | undefined, number, boolean][] = [];
    const view = new MessageList(document, {
      ownSender: "Visitor",
      language: "ru",
      labels,
      testIds: { list: "list", message: "message" },
      decorate: (li, shown) => {
        decorated.push([li.dataset.messageId, shown.sequence, li.parentElement === null]);
        const mark = document.createElement("div");
        mark.className = "mark";
        li.append(mark);
      },
    });

    view.shown(message(1));
    view.pending({ clientMessageId: "pending-3", text: "later", createdAt: "2026-11-25T09:00:00Z" });
    view.shown(message(2));
    expect(decorated).toEqual([
      [message(1).id, 1, true],
      [message(2).id, 2, true],
    ]);

    view.shown(message(3, { clientMessageId: "pending-3" }));
    expect(decorated.map(([id]) => id)).toEqual([message(1).id, message(2).id, message(3).id]);
    expect(Array.from(view.element.children, (li) => [(li as HTMLElement).dataset.sequence, li.querySelectorAll(":scope > .mark").length, li.lastElementChild?.className])).toEqual([
      ["1", 1, "mark"],
      ["2", 1, "mark"],
      ["3", 1, "mark"],
    ]);
  });
});
