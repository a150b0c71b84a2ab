// @vitest-environment happy-dom
import type { ApiKeyInfo, WebhookInfo } from "@chat/shared/contracts";
import { ApiError } from "@chat/shared/errors";
import { describe, expect, it } from "vitest";
import { AdminPanel, type AdminElements } from "../src/admin";
import type { AdminApi } from "../src/admin-api";
import { context, FakeHub, pageElement, testIds, texts } from "./console";

const key: ApiKeyInfo = {
  id: "k1",
  name: "CRM",
  staffLogin: "m.petrov",
  scopes: ["staff:read"],
  createdAt: "2026-12-04T08:00:00+00:00",
  createdBy: "a.sokolova",
  revokedAt: null,
};

const webhook: WebhookInfo = {
  id: "w1",
  url: "https://crm.example.com/hooks",
  events: ["message.stored"],
  description: null,
  status: "active",
  consecutiveFailures: 0,
  lastError: null,
  createdAt: "2026-12-04T08:00:00+00:00",
  createdBy: "a.sokolova",
  pausedAt: null,
};

function panel(api: Partial<AdminApi>, confirmed = true) {
  document.body.replaceChildren();
  const form = (...names: string[]) => {
    const element = pageElement("form");
    for (const name of names) {
      const input = pageElement("input", element);
      input.name = name;
    }
    return element;
  };
  const keyForm = form("name", "staffLogin");
  const hookForm = form("url", "description");
  const elements: AdminElements = {
    toggle: pageElement("button"),
    view: pageElement("main"),
    workspace: pageElement("main"),
    notices: pageElement("ul"),
    keyForm,
    keyScopes: pageElement("fieldset", keyForm),
    keyError: pageElement("p"),
    keySecret: pageElement("div"),
    keyList: pageElement("div"),
    hookForm,
    hookEvents: pageElement("fieldset", hookForm),
    hookError: pageElement("p"),
    hookSecret: pageElement("div"),
    hookList: pageElement("div"),
    deliveries: pageElement("section"),
  };
  elements.view.hidden = true;
  const alerts: [string, string][] = [];
  const questions: string[] = [];
  const admin = new AdminPanel(context(new FakeHub()), elements, { apiKeys: async () => [], webhooks: async () => [], ...api } as AdminApi, {
    alert: (title, body) => alerts.push([title, body]),
    confirm: (question) => {
      questions.push(question);
      return confirmed;
    },
    opening: () => undefined,
  });
  return { admin, elements, alerts, questions };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe("AdminPanel", () => {
  it("shows a new key's secret once, with the warning, and lists the key without it", async () => {
    const { elements } = panel({ createApiKey: async (request) => ({ key: { ...key, name: request.name, scopes: request.scopes }, secret: "chat_secret" }) });
    (elements.keyForm.elements.namedItem("name") as HTMLInputElement).value = "CRM";
    testIds(elements.keyScopes, "api-key-scope")[3]!.click();

    elements.keyForm.requestSubmit();
    await settle();

    expect(texts(testIds(elements.keySecret, "secret-value"))).toEqual(["chat_secret"]);
    expect(elements.keySecret.textContent).toContain("Секрет показан один раз");
    expect(elements.keyList.textContent).toContain("staff:read");
    expect(elements.keyList.textContent).not.toContain("chat_secret");
    testIds(elements.keySecret, "hide-secret")[0]!.click();
    expect(elements.keySecret.children).toHaveLength(0);
  });

  it("says a refused form in Russian under it: its own words for a bad field, the shared text for a refused address", async () => {
    const { elements } = panel({
      createApiKey: async () => Promise.reject(new ApiError(400, "invalid_argument", "No scopes.")),
      createWebhook: async () => Promise.reject(new ApiError(400, "webhook_url_refused", "Private.")),
    });

    elements.keyForm.requestSubmit();
    elements.hookForm.requestSubmit();
    await settle();

    expect(elements.keyError.textContent).toBe("Укажите название (не длиннее 100 символов) и отметьте хотя бы одно право.");
    expect(elements.hookError.textContent).toBe("Адрес отклонён: нужен защищённый адрес сервера в интернете, а не во внутренней сети.");
  });

  it("revokes a key only after the administrator confirms", async () => {
    const revoked: string[] = [];
    const { admin, elements, questions } = panel({ apiKeys: async () => [key], revokeApiKey: async (id) => (revoked.push(id), { ...key, revokedAt: "2026-12-04T09:00:00+00:00" }) }, false);
    await admin.load();

    testIds(elements.keyList, "revoke-api-key")[0]!.click();
    await settle();

    expect(questions).toEqual(["Отозвать ключ «CRM»? Программы, которые им пользуются, сразу потеряют доступ."]);
    expect(revoked).toEqual([]);
  });

  it("tells a paused subscription with a line naming its address and reason that opens the administration view", async () => {
    const { admin, elements, alerts } = panel({ webhooks: async () => [webhook] });
    await admin.load();

    admin.webhookPaused({ ...webhook, status: "paused", lastError: "HTTP 500" });

    const notice = testIds(elements.notices, "webhook-paused-notice");
    expect(texts(notice)).toEqual(["Доставка вебхуков приостановлена: https://crm.example.com/hooks — HTTP 500"]);
    expect(alerts).toEqual([["Доставка вебхуков приостановлена", "https://crm.example.com/hooks — HTTP 500"]]);
    expect(texts(testIds(elements.hookList, "webhook-status"))).toEqual(["приостановлена"]);
    notice[0]!.click();
    expect(elements.view.hidden).toBe(false);
    expect(elements.workspace.hidden).toBe(true);
    expect(elements.notices.children).toHaveLength(0);
  });
});
