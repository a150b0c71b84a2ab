// @vitest-environment happy-dom
import type { PublicPolicy } from "@chat/shared/contracts";
import type { HandoffReceipt } from "@chat/shared/contracts";
import { errorText } from "@chat/shared/error-texts";
import { settle } from "@chat/shared/testing";
import { beforeEach, describe, expect, it } from "vitest";
import { VisitorFeatures, type VisitorApi } from "../src/features";
import { texts } from "../src/i18n";

const receipt: HandoffReceipt = {
  handoffId: "0193b000-0000-7000-8000-000000000001",
  status: "Delivered",
  contactBy: ["Phone", "Email"],
  message: "Спасибо! Ваш вопрос передан вашему персональному менеджеру.",
  duplicate: true,
};

const policy: PublicPolicy = {
  online: true,
  reason: "open",
  nextOpenAt: null,
  timeZone: "Europe/Moscow",
  language: "ru",
  languages: ["ru", "en"],
  hours: { open: "09:00", close: "19:00", workingDays: ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"] },
  topics: [],
  tariffs: [{ key: "business", label: "Бизнес", channels: ["Chat", "CallBack"], contactBy: ["Phone", "Email"] }],
  contacts: { sharedMailbox: "info@example.com", communityUrl: "https://community.example.com", supportEmail: "support@example.com", supportSubject: "Вопрос" },
  texts: {
    greeting: "Здравствуйте!",
    askIfClient: "Вы наш клиент?",
    askAccount: "Назовите аккаунт.",
    handoffByEmail: "Менеджер ответит по e-mail.",
    handoffByPhone: "Менеджер позвонит.",
    handoffByPhoneOrEmail: "Менеджер свяжется с вами.",
    offline: "Мы не в сети.",
    noAnswer: "Спросите сообщество.",
    timeZone: "по московскому времени",
    conversationClosed: "Диалог завершён.",
  },
};

describe("VisitorFeatures after a reload", () => {
  let features: VisitorFeatures;
  let calls: string[];

  const byTestId = (id: string) => features.element.querySelector<HTMLElement>(`[data-testid="${id}"]`)!;

  beforeEach(() => {
    calls = [];
    const api: VisitorApi = {
      leaveOfflineMessage: () => Promise.reject(new Error("not used")),
      identify: () => Promise.reject(new Error("not used")),
      requestCallBack: async () => {
        calls.push("RequestCallBack");
        return { ...receipt, handoffId: "0193b000-0000-7000-8000-000000000002", status: "Relayed", message: "Перезвоним." };
      },
      compose: () => undefined,
      modeChanged: () => undefined,
    };
    features = new VisitorFeatures(document, texts("ru"), (code) => errorText("ru", code), api);
    features.setPolicy(policy);
    document.body.replaceChildren(features.element);
  });

  it("starts with the identification offer and no handoff", () => {
    expect(byTestId("chat-client-button").hidden).toBe(false);
    expect(byTestId("chat-handoff-confirmation").textContent).toBe("");
    expect(byTestId("chat-callback-button").hidden).toBe(true);
  });

  it("shows the confirmation, the handoff state and the call-back offer of an earlier identification", () => {
    byTestId("chat-client-button").click();
    expect(byTestId("chat-identify").hidden).toBe(false);

    features.restoreHandoff(receipt);

    expect(byTestId("chat-handoff-confirmation").textContent).toBe(receipt.message);
    expect(byTestId("chat-handoff-state").dataset.status).toBe("Delivered");
    expect(byTestId("chat-handoff-state").textContent).toBe(texts("ru").handoff["Delivered"]);
    expect(byTestId("chat-client-button").hidden).toBe(true);
    expect(byTestId("chat-identify").hidden).toBe(true);
    expect(byTestId("chat-callback-button").hidden).toBe(false);
  });

  it("follows the restored handoff's later updates", () => {
    features.restoreHandoff(receipt);
    features.handoffUpdated({ handoffId: receipt.handoffId, status: "Accepted", message: "" });
    expect(byTestId("chat-handoff-state").dataset.status).toBe("Accepted");
    features.handoffUpdated({ handoffId: "0193b000-0000-7000-8000-0000000000ff", status: "Contacted", message: "" });
    expect(byTestId("chat-handoff-state").dataset.status).toBe("Accepted");
  });

  it("shows a call-back ordered before the reload instead of offering the form, also when the identification arrives after it", () => {
    const ordered = { ...receipt, handoffId: "0193b000-0000-7000-8000-000000000003", contactBy: ["Phone" as const], message: "Перезвоним завтра с 14:00 до 15:00." };
    features.restoreCallBack(ordered);
    features.restoreHandoff(receipt);
    expect(byTestId("chat-callback-result").textContent).toBe(ordered.message);
    expect(byTestId("chat-callback-button").hidden).toBe(true);
    expect(byTestId("chat-callback-form").hidden).toBe(true);

    features.restoreCallBack(null);
    expect(byTestId("chat-callback-result").textContent).toBe(ordered.message);
  });

  it("offers the call-back only once the policy has named the time zone of its window", () => {
    const withoutPolicy = new VisitorFeatures(document, texts("ru"), (code) => errorText("ru", code), {
      leaveOfflineMessage: () => Promise.reject(new Error("not used")),
      identify: () => Promise.reject(new Error("not used")),
      requestCallBack: () => Promise.reject(new Error("not used")),
      compose: () => undefined,
      modeChanged: () => undefined,
    });
    const offer = withoutPolicy.element.querySelector<HTMLElement>('[data-testid="chat-callback-button"]')!;
    withoutPolicy.restoreHandoff(receipt);
    expect(offer.hidden).toBe(true);
    withoutPolicy.setPolicy(policy);
    expect(offer.hidden).toBe(false);
  });

  it("forgets the previous conversation's handoff in a new conversation", () => {
    features.restoreHandoff(receipt);
    features.restoreCallBack({ ...receipt, message: "Перезвоним." });

    features.newConversation();

    expect(byTestId("chat-handoff-confirmation").textContent).toBe("");
    expect(byTestId("chat-handoff-state").textContent).toBe("");
    expect(byTestId("chat-callback-result").textContent).toBe("");
    expect(byTestId("chat-callback-button").hidden).toBe(true);
    expect(byTestId("chat-client-button").hidden).toBe(false);
  });

  it("changes nothing when the visitor has not identified", () => {
    features.restoreHandoff(null);
    expect(byTestId("chat-client-button").hidden).toBe(false);
    expect(byTestId("chat-handoff-state").textContent).toBe("");
    expect(byTestId("chat-callback-button").hidden).toBe(true);
  });

  it("does not offer the call-back again after a reconnect once it was ordered", async () => {
    features.restoreHandoff(receipt);
    byTestId("chat-callback-button").click();
    const form = byTestId("chat-callback-form") as HTMLFormElement;
    (form.querySelector('[name="phone"]') as HTMLInputElement).value = "+7 916 222-33-44";
    (form.querySelector('[name="date"]') as HTMLInputElement).value = "2026-11-25";
    (form.querySelector('[name="from"]') as HTMLInputElement).value = "14:00";
    (form.querySelector('[name="to"]') as HTMLInputElement).value = "15:00";
    form.requestSubmit();
    await settle();
    expect(calls).toEqual(["RequestCallBack"]);
    expect(byTestId("chat-callback-result").textContent).toBe("Перезвоним.");

    features.restoreHandoff(receipt);

    expect(byTestId("chat-callback-button").hidden).toBe(true);
    expect(byTestId("chat-handoff-confirmation").textContent).toBe(receipt.message);
  });
});

describe("VisitorFeatures topic chips", () => {
  const topics: PublicPolicy["topics"] = [
    { key: "prices", label: "Цены и тарифы", redirect: false, redirectMessage: null },
    { key: "api", label: "API", redirect: true, redirectMessage: "Напишите в поддержку на support@example.com." },
  ];
  let composed: string[];
  let features: VisitorFeatures;

  const chip = (label: string) => [...features.topicsElement.querySelectorAll<HTMLButtonElement>('[data-testid="chat-topic"]')].find((b) => b.textContent === label)!;
  const chips = () => features.topicsElement.querySelector<HTMLElement>('[data-testid="chat-topics"]')!;
  const answer = () => features.topicsElement.querySelector<HTMLElement>('[data-testid="chat-topic-answer"]')!;

  beforeEach(() => {
    composed = [];
    features = new VisitorFeatures(document, texts("ru"), (code) => errorText("ru", code), {
      leaveOfflineMessage: () => Promise.reject(new Error("not used")),
      identify: () => Promise.reject(new Error("not used")),
      requestCallBack: () => Promise.reject(new Error("not used")),
      compose: (text) => composed.push(text),
      modeChanged: () => undefined,
    });
    features.setPolicy({ ...policy, topics });
    document.body.replaceChildren(features.element, features.topicsElement);
  });

  it("puts a managers' topic into the composer and stops offering the chips", () => {
    chip("Цены и тарифы").click();

    expect(composed).toEqual(["Цены и тарифы: "]);
    expect(chips().hidden).toBe(true);
    expect(answer().textContent).toBe("");
  });

  it("answers a redirected topic with the policy's ready text and sends nothing", () => {
    chip("API").click();

    expect(answer().textContent).toBe("Напишите в поддержку на support@example.com.");
    expect(composed).toEqual([]);
    expect(chips().hidden).toBe(true);
  });

  it("stops offering the chips once the visitor writes, and offers them again in a new conversation", () => {
    features.topicsDone();
    expect(chips().hidden).toBe(true);

    features.newConversation();
    expect(chips().hidden).toBe(false);
    expect(answer().textContent).toBe("");
  });
});
