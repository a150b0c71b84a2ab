import type { PublicPolicy } from "@chat/shared/contracts";
import type { Language } from "@chat/shared/error-texts";
import { describe, expect, it } from "vitest";
import { ConsolePolicy } from "../src/console-policy";

const policy = (language: Language, label: string) => ({ language, topics: [], tariffs: [{ key: "business", label, channels: ["Chat"], contactBy: ["Phone"] }] }) as unknown as PublicPolicy;

describe("ConsolePolicy", () => {
  it("names a tariff by the policy's label in the console's language, by its key until the policy is read", async () => {
    let language: Language = "ru";
    let changes = 0;
    const read = (lang: Language) => Promise.resolve(policy(lang, lang === "ru" ? "Бизнес" : "Business"));
    const console = new ConsolePolicy(read, () => language, () => changes++);
    expect(console.tariffLabel("business")).toBe("business");

    await console.load("ru");
    expect([console.tariffLabel("business"), console.tariffLabel("unknown"), changes]).toEqual(["Бизнес", "unknown", 1]);
    language = "en";
    await console.load("ru");
    expect(console.tariffLabel("business")).toBe("Бизнес");
    await console.load("en");
    expect([console.tariffLabel("business"), changes]).toEqual(["Business", 2]);
  });
});
