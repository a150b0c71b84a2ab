import { describe, expect, it } from "vitest";
import { pickLanguage } from "../src/i18n";

describe("localisation", () => {
  it("picks data-lang first, then the browser's language, then Russian", () => {
    expect(pickLanguage("en", ["ru-RU"])).toBe("en");
    expect(pickLanguage("EN-us", [])).toBe("en");
    expect(pickLanguage(null, ["en-GB", "ru"])).toBe("en");
    expect(pickLanguage(null, ["de-DE"])).toBe("ru");
    expect(pickLanguage("fr", ["ru"])).toBe("ru");
  });
});
