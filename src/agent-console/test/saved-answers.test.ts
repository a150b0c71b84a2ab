// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { SavedAnswersPanel } from "../src/saved-answers";
import { context, FakeHub, pageElement, testIds, texts } from "./console";

const answers = [
  { id: "export-1c", shortcut: "export", title: "Выгрузка в 1С", text: "Выгрузка в 1С: …\nhttps://help.example.com/integrations/1c" },
  { id: "prices", shortcut: "price", title: "Цены и тарифы", text: "Тарифы: …" },
];

describe("SavedAnswersPanel", () => {
  let hub: FakeHub;
  let form: HTMLFormElement;
  let input: HTMLTextAreaElement;
  let list: HTMLUListElement;
  let sentOnEnter: number;

  const type = (text: string) => {
    input.value = text;
    input.dispatchEvent(new Event("input"));
  };

  beforeEach(async () => {
    hub = new FakeHub({ GetSavedAnswers: () => answers });
    form = pageElement("form");
    list = pageElement("ul", form);
    list.id = "saved-list";
    input = pageElement("textarea", form);
    await new SavedAnswersPanel(context(hub), { form, input, list }).load();
    // The reply box's own Enter (the composer), which must not send while the picker takes the key.
    sentOnEnter = 0;
    input.addEventListener("keydown", (event) => {
      if (event.key === "Enter" && !event.defaultPrevented) {
        sentOnEnter++;
      }
    });
  });

  afterEach(() => document.body.replaceChildren());

  it("reads the answers in the console's language", () => {
    expect(hub.args("GetSavedAnswers")).toEqual([["ru"]]);
  });

  it("offers the answers whose shortcut starts with what follows the slash, or whose title contains it", () => {
    type("/exp");
    expect(texts(testIds(list, "saved-answer"))).toEqual(["/export — Выгрузка в 1С"]);
    type("/тариф");
    expect(texts(testIds(list, "saved-answer"))).toEqual(["/price — Цены и тарифы"]);
    expect(list.hidden).toBe(false);
  });

  it("offers nothing for a reply that does not start with a slash or matches nothing", () => {
    type("export");
    expect(list.hidden).toBe(true);
    type("/zzz");
    expect(list.hidden).toBe(true);
    expect(testIds(list, "saved-answer")).toHaveLength(0);
  });

  const press = (key: string) => input.dispatchEvent(new KeyboardEvent("keydown", { key, bubbles: true, cancelable: true }));
  const selected = () => testIds(list, "saved-answer").map((option) => option.getAttribute("aria-selected"));

  it("opens on a slash as a listbox of options with the first highlighted", () => {
    type("/");
    expect([list.hidden, list.getAttribute("role"), list.getAttribute("aria-label")]).toEqual([false, "listbox", "Готовые ответы"]);
    expect(testIds(list, "saved-answer").map((option) => option.getAttribute("role"))).toEqual(["option", "option"]);
    expect(selected()).toEqual(["true", "false"]);
    expect(input.getAttribute("aria-activedescendant")).toBe(testIds(list, "saved-answer")[0]!.id);
    expect(input.getAttribute("aria-controls")).toBe("saved-list");
  });

  it("moves the highlight with the arrow keys, round the ends, and inserts the highlighted answer on Enter without sending", () => {
    type("/");
    press("ArrowDown");
    expect(selected()).toEqual(["false", "true"]);
    press("ArrowDown");
    expect(selected()).toEqual(["true", "false"]);
    press("ArrowUp");
    expect(input.getAttribute("aria-activedescendant")).toBe(testIds(list, "saved-answer")[1]!.id);
    press("Enter");

    expect([input.value, list.hidden, sentOnEnter]).toEqual([answers[1]!.text, true, 0]);
    press("Enter");
    expect(sentOnEnter).toBe(1);
  });

  it("closes on Escape and leaves what was typed", () => {
    type("/exp");
    press("Escape");
    expect([list.hidden, input.value, input.hasAttribute("aria-activedescendant")]).toEqual([true, "/exp", false]);
    press("ArrowDown");
    expect(testIds(list, "saved-answer")).toHaveLength(0);
  });

  it("puts the picked answer's text in the reply box and closes the list", () => {
    type("/exp");
    testIds(list, "saved-answer")[0]!.click();
    expect(input.value).toBe(answers[0]!.text);
    expect(list.hidden).toBe(true);
    expect(document.activeElement).toBe(input);
  });
});
