// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from "vitest";
import { readConfig } from "../src/config";
import { texts } from "../src/i18n";
import { WidgetView } from "../src/ui";

function mount(language: "ru" | "en"): WidgetView {
  const config = readConfig({ attribute: (name) => (name === "data-lang" ? language : null), src: "https://chat.example/chat-widget.js" }, "https://shop.example/", []);
  const view = new WidgetView(document, config, texts(language), { opened: () => undefined, submitted: () => true, typed: () => undefined });
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

  it("shows the policy's hours in its time zone, whatever company it is", () => {
    mount("en").setHours("08:00", "17:00", "Europe/Berlin");
    expect(subtitle().textContent).toMatch(/^We answer in office hours, 08:00–17:00 (GMT\+1|CET)$/);
  });

  it("leaves the zone out when the browser does not know it", () => {
    mount("ru").setHours("09:00", "19:00", "Mars/Olympus");
    expect(subtitle().textContent).toBe("Отвечаем в рабочее время, 09:00–19:00");
  });
});
