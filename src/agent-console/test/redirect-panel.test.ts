// @vitest-environment happy-dom
import type { PublicPolicy, PublicTopic, SendResult } from "@chat/shared/contracts";
import type { Language } from "@chat/shared/error-texts";
import { message, settle } from "@chat/shared/testing";
import { afterEach, describe, expect, it } from "vitest";
import { RedirectPanel } from "../src/redirect";
import { context, conversationId, errorLine, FakeHub, pageElement, refused, submit, type Answers } from "./console";

const topic = (key: string, label: string, redirect = true): PublicTopic => ({ key, label, redirect, redirectMessage: redirect ? `Напишите в поддержку: ${label}` : null });
const topicsIn = (language: Language) => (language === "en" ? [topic("api", "API"), topic("errors", "Errors")] : [topic("prices", "Цены", false), topic("api", "API"), topic("errors", "Ошибки")]);

function panel(answers: Answers = {}, recognised: string | null = null) {
  const hub = new FakeHub(answers);
  let language: Language = "ru";
  const form = pageElement("form");
  const elements = { form, topic: pageElement("select", form), button: pageElement("button", form), suggestion: pageElement("p", form) };
  const errors = errorLine();
  const redirect = new RedirectPanel(context(hub, () => language), elements, errors.line, {
    policy: async (lang) => ({ topics: topicsIn(lang) }) as PublicPolicy,
    topicOf: (id) => (id === conversationId ? recognised : null),
  });
  return { hub, redirect, elements, error: errors.element, switchTo: (next: Language) => (language = next) };
}

const options = (select: HTMLSelectElement) => Array.from(select.options, (option) => [option.value, option.textContent]);

describe("RedirectPanel", () => {
  afterEach(() => document.body.replaceChildren());

  it("offers the policy's redirected topics and the no-answer choice, the first chosen", async () => {
    const { redirect, elements } = panel();
    await redirect.loadTopics();
    redirect.show(conversationId);
    expect(options(elements.topic)).toEqual([
      ["api", "API"],
      ["errors", "Ошибки"],
      ["no-answer", "Нет ответа — сообщество и поддержка"],
    ]);
    expect(elements.topic.value).toBe("api");
    expect(elements.suggestion.hidden).toBe(true);
  });

  it("suggests the topic the server recognised in the visitor's question, unless the agent chose another", async () => {
    const { redirect, elements } = panel({}, "errors");
    await redirect.loadTopics();
    redirect.show(conversationId);
    expect(elements.topic.value).toBe("errors");
    expect(elements.suggestion.hidden).toBe(false);
    expect(elements.suggestion.textContent).toBe("Похоже на тему: Ошибки");

    elements.topic.value = "no-answer";
    elements.topic.dispatchEvent(new Event("change"));
    redirect.render();
    expect(elements.topic.value).toBe("no-answer");
  });

  it("relabels the topics in the new language and keeps the agent's choice", async () => {
    const { redirect, elements, switchTo } = panel();
    await redirect.loadTopics();
    redirect.show(conversationId);
    elements.topic.value = "no-answer";
    elements.topic.dispatchEvent(new Event("change"));
    switchTo("en");
    await redirect.loadTopics();
    expect(options(elements.topic).map(([, label]) => label)).toEqual(["API", "Errors", "No answer — community and support"]);
    expect(elements.topic.value).toBe("no-answer");
  });

  it("sends the chosen redirect once, with the button off while it runs", async () => {
    let answer: (result: SendResult) => void = () => undefined;
    const { hub, redirect, elements } = panel({ RedirectConversation: () => new Promise((resolve) => (answer = resolve)) });
    await redirect.loadTopics();
    redirect.show(conversationId);
    submit(elements.form);
    submit(elements.form);
    expect(elements.button.disabled).toBe(true);
    expect(elements.button.textContent).toBe("Перенаправляем…");
    await settle();
    expect(elements.button.disabled).toBe(true);

    answer({ message: message(2), duplicate: false });
    await settle();
    expect(hub.args("RedirectConversation")).toEqual([[{ conversationId, clientMessageId: expect.stringMatching(/^[0-9a-f-]{36}$/), topic: "api" }]]);
    expect(elements.button.disabled).toBe(false);
    expect(elements.button.textContent).toBe("Перенаправить");
  });

  it("clears an earlier error when it starts and shows its own refusal", async () => {
    const { redirect, elements, error } = panel({ RedirectConversation: () => refused("invalid_argument") });
    await redirect.loadTopics();
    redirect.show(conversationId);
    error.textContent = "Старая ошибка";
    submit(elements.form);
    expect(error.textContent).toBe("");
    await settle();
    expect(error.textContent).toBe("Запрос не удалось обработать.");
    expect(elements.button.disabled).toBe(false);
  });
});
