// @vitest-environment happy-dom
import { describe, expect, it } from "vitest";
import { CompanyLoadPanel } from "../src/company-load";
import { context, conversationId, errorLine, FakeHub, refused, testIds, texts } from "./console";

const load = (requests: number, minutes: number, referToTraining = false) => ({ company: "ООО «Ромашка»", weekStart: "2026-11-23", requests, minutes, referToTraining, trainingDepartment: "training" });

function panel(answer: () => ReturnType<typeof load> | null) {
  const hub = new FakeHub({ GetCompanyLoad: answer });
  const element = document.createElement("section");
  const errors = errorLine();
  return { hub, company: new CompanyLoadPanel(context(hub), element, errors.line), element, error: errors.element };
}

describe("CompanyLoadPanel", () => {
  it("shows the company's requests and minutes this week", async () => {
    const { company, element } = panel(() => load(1, 20));
    await company.show(conversationId);
    expect(element.hidden).toBe(false);
    expect(texts(Array.from(element.querySelectorAll("dd")))).toEqual(["ООО «Ромашка»", "1", "20"]);
    expect(testIds(element, "referral")).toHaveLength(0);
  });

  it("recommends training once the load is read again past the thresholds", async () => {
    let current = load(1, 20);
    const { hub, company, element } = panel(() => current);
    await company.show(conversationId);
    current = load(2, 45, true);
    await company.reload();

    expect(hub.args("GetCompanyLoad")).toEqual([[conversationId], [conversationId]]);
    expect(texts(Array.from(element.querySelectorAll("dd")))).toEqual(["ООО «Ромашка»", "2", "45"]);
    const [referral] = testIds(element, "referral");
    expect(referral!.textContent).toBe("Рекомендуем подключить отдел обучения и внедрения: компания превысила пороги консультаций за неделю.");
    expect(referral!.getAttribute("role")).toBe("status");
  });

  it("writes the minutes as numbers of the console's language", async () => {
    let language: "ru" | "en" = "ru";
    const hub = new FakeHub({ GetCompanyLoad: () => load(1250, 0.4) });
    const element = document.createElement("section");
    const company = new CompanyLoadPanel(context(hub, () => language), element, errorLine().line);
    await company.show(conversationId);
    expect(texts(Array.from(element.querySelectorAll("dd"))).slice(1)).toEqual(["1\u00a0250", "0,4"]);
    language = "en";
    company.render();
    expect(texts(Array.from(element.querySelectorAll("dd"))).slice(1)).toEqual(["1,250", "0.4"]);
  });

  it("is hidden for a visitor who is not an identified client, and reads nothing without a conversation", async () => {
    const { hub, company, element } = panel(() => null);
    await company.show(conversationId);
    expect(element.hidden).toBe(true);
    await company.show(null);
    await company.reload();
    expect(hub.calls).toHaveLength(1);
  });

  it("says why the load could not be read", async () => {
    const { company, error } = panel(() => refused("conversation_not_found"));
    await company.show(conversationId);
    expect(error.textContent).toBe("Диалог не найден.");
  });
});
