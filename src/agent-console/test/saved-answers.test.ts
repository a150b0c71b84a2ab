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
  let input: HTMLTextAreaElement;
  let list: HTMLUListElement;

  const type = (text: string) => {
    input.value = text;
    input.dispatchEvent(new Event("input"));
  };

  beforeEach(async () => {
    hub = new FakeHub({ GetSavedAnswers: () => answers });
    input = pageElement("textarea");
    list = pageElement("ul");
    await new SavedAnswersPanel(context(hub), { input, list }).load();
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

  it("puts the picked answer's text in the reply box and closes the list", () => {
    type("/exp");
    testIds(list, "saved-answer")[0]!.click();
    expect(input.value).toBe(answers[0]!.text);
    expect(list.hidden).toBe(true);
    expect(document.activeElement).toBe(input);
  });
});
