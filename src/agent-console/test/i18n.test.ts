import { describe, expect, it } from "vitest";
import { consoleTexts } from "../src/i18n";

/** Latin words a Russian screen may carry: key names and file formats. */
const allowed = new Set(["Enter", "Shift", "PDF", "CSV", "English"]);

describe("console texts", () => {
  it("say nothing in English in Russian, apart from key names, a file format, the switch to English and placeholders", () => {
    const latin = Object.values(consoleTexts("ru")).flatMap((text) => text.replace(/\{\w+\}/g, "").match(/[A-Za-z][A-Za-z-]*/g) ?? []);
    expect(latin.filter((word) => !allowed.has(word))).toEqual([]);
  });
});
