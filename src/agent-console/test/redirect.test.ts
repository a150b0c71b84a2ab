import type { PublicTopic } from "@chat/shared/contracts";
import { describe, expect, it } from "vitest";
import { noAnswerTopic, redirectOptions } from "../src/redirect";

const topic = (key: string, label: string, redirect: boolean): PublicTopic => ({
  key,
  label,
  redirect,
  redirectMessage: redirect ? `Write to support about ${label}` : null,
});

describe("redirectOptions", () => {
  it("offers only the redirected topics, by label in the policy's order, and the no-answer choice last", () => {
    const topics = [topic("prices", "Цены и тарифы", false), topic("api", "API", true), topic("integrations", "Интеграции", false), topic("customisation", "Настройка системы по ТЗ", true)];
    expect(redirectOptions(topics, "Нет ответа — сообщество и поддержка")).toEqual([
      { value: "api", label: "API" },
      { value: "customisation", label: "Настройка системы по ТЗ" },
      { value: noAnswerTopic, label: "Нет ответа — сообщество и поддержка" },
    ]);
  });

  it("still offers the no-answer choice before the policy is read", () => {
    expect(redirectOptions([], "No answer — community and support")).toEqual([{ value: "no-answer", label: "No answer — community and support" }]);
  });
});
