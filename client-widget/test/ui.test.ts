// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from "vitest";
import { readConfig } from "../src/config";
import { texts } from "../src/i18n";
import { WidgetView } from "../src/ui";

function mount(language: "ru" | "en"): WidgetView {
  const config = readConfig({ attribute: (name) => (name === "data-lang" ? language : null), src: "https://chat.example/chat-widget.js" }, "https://shop.example/", []);
  const view = new WidgetView(document, config, texts(language), { opened: () => undefined, submitted: () => true, typed: () => undefined, newConversation: () => undefined });
  view.mount();
  return view;
}

const subtitle = () => document.getElementById("chat-widget-host")!.shadowRoot!.querySelector<HTMLElement>('[data-testid="chat-subtitle"]')!;

describe("WidgetView office hours", () => {
  afterEach(() => document.body.replaceChildren());

  it("says only that answers come in office hours until the policy has named them", () => {
    mount("ru");
    expect(subtitle().textContent).toBe("Отвечаем в рабочее время");
  });

  it("names the zone of the hours with the policy's words, not the browser's abbreviation", () => {
    mount("ru").setHours("09:00", "19:00", "по московскому времени");
    expect(subtitle().textContent).toBe("Отвечаем в рабочее время, 09:00–19:00 по московскому времени");
  });
});

describe("WidgetView messages and names", () => {
  afterEach(() => document.body.replaceChildren());

  const shadow = () => document.getElementById("chat-widget-host")!.shadowRoot!;
  const message = (sequence: number, sender: "Visitor" | "Agent" | "System", senderName: string, text: string) => ({
    conversationId: "0193a000-0000-7000-8000-000000000001",
    sequence,
    id: `0193a000-0000-7000-8000-00000000010${sequence}`,
    clientMessageId: `0193a000-0000-7000-8000-00000000020${sequence}`,
    sender,
    senderName,
    text,
    sentAt: "2026-11-25T09:00:00+00:00",
  });

  it("shows system messages as unsigned notices and isolates names and texts", () => {
    const view = mount("ru");
    view.messages.shown(message(1, "System", "Chat", "Диалог завершён."));
    view.messages.shown(message(2, "Agent", "مريم", "שלום"));

    const [notice, reply] = [...shadow().querySelectorAll<HTMLElement>('[data-testid="chat-message"]')];
    expect(notice!.querySelector(".message__author")).toBeNull();
    expect(notice!.textContent).not.toContain("Chat");
    expect(reply!.querySelector(".message__author")!.getAttribute("dir")).toBe("auto");
    expect(reply!.querySelector(".message__text")!.getAttribute("dir")).toBe("auto");
  });

  it("isolates each typing name", () => {
    mount("ru").setTyping(["مريم", "Пётр"]);
    const typing = shadow().querySelector<HTMLElement>('[data-testid="chat-typing"]')!;
    expect([...typing.querySelectorAll("bdi")].map((b) => b.textContent)).toEqual(["مريم", "Пётр"]);
    expect(typing.textContent).toBe("مريم, Пётр печатают…");
  });
});
