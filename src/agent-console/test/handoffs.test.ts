// @vitest-environment happy-dom
import { settle } from "@chat/shared/testing";
import { beforeEach, describe, expect, it } from "vitest";
import { HandoffsPanel } from "../src/handoffs";
import { card, context, conversationId, errorLine, FakeHub, otherConversationId, refused, testId, testIds, texts, type Answers } from "./console";

/** The policy's tariff names, as the console reads them (a key it does not know stays as it is). */
const tariffLabel = (key: string) => ({ business: "Бизнес" })[key] ?? key;

function panel(answers: Answers = {}) {
  const hub = new FakeHub({ AcknowledgeHandoff: (id) => card({ id, status: "Delivered" }), MarkHandoffRead: (id) => card({ id, status: "Read" }), ...answers });
  const elements = { list: document.createElement("ul"), count: document.createElement("span"), card: document.createElement("section") };
  const errors = errorLine();
  const selected: string[] = [];
  const alerts: string[][] = [];
  const handoffs = new HandoffsPanel(context(hub), elements, errors.line, (id) => selected.push(id), (title, body) => alerts.push([title, body]), tariffLabel);
  return { hub, handoffs, elements, error: errors.element, selected, alerts };
}

describe("HandoffsPanel list", () => {
  it("lists the handoffs newest first with the number not yet contacted, and opens a handoff's conversation on a click", async () => {
    const { handoffs, elements, selected } = panel({
      GetHandoffs: () => [
        card({ id: "a", createdAt: "2026-11-25T08:00:00+00:00", status: "Contacted", accountName: "Старый клиент", company: null, topic: null }),
        card({ id: "b", conversationId: otherConversationId, createdAt: "2026-11-25T10:00:00+00:00", status: "Read" }),
      ],
    });
    await handoffs.load();

    const items = testIds(elements.list, "handoff-item");
    expect(items.map((item) => item.dataset.status)).toEqual(["Read", "Contacted"]);
    expect(texts(items)).toEqual(["РомашкаПрочитанаООО «Ромашка» · Счёт на оплату", "Старый клиентСвязались с клиентомПередача"]);
    expect(elements.count.textContent).toBe("1");
    items[0]!.click();
    expect(selected).toEqual([otherConversationId]);
  });

  it("announces and acknowledges a new handoff once, and only updates it when it comes again", async () => {
    const { hub, handoffs, elements, alerts } = panel();
    await handoffs.received(card());
    await handoffs.received(card({ status: "Delivered" }));

    expect(alerts).toEqual([["Новая передача", "Ромашка"]]);
    expect(hub.args("AcknowledgeHandoff")).toEqual([[card().id]]);
    expect(testIds(elements.list, "handoff-item").map((item) => item.dataset.status)).toEqual(["Delivered"]);
  });

  it("follows a status change pushed by the server", async () => {
    const { handoffs, elements } = panel({ GetHandoffs: () => [card({ status: "Read" })] });
    await handoffs.load();
    handoffs.statusChanged({ handoffId: card().id, conversationId, status: "Contacted", by: "m.petrov", at: "2026-11-25T11:00:00+00:00" });
    expect(testId(elements.list, "handoff-item").dataset.status).toBe("Contacted");
    expect(elements.count.textContent).toBe("0");
  });
});

describe("HandoffsPanel card", () => {
  let view: ReturnType<typeof panel>;

  beforeEach(async () => {
    const warned = card({ status: "Delivered", contactWarning: true });
    view = panel({ GetHandoffs: () => [warned], MarkHandoffRead: () => ({ ...warned, status: "Read" }), AcceptHandoff: () => ({ ...warned, status: "Accepted" }) });
    await view.handoffs.load();
  });

  it("shows the card of the conversation on screen, marked read by its addressee", async () => {
    await view.handoffs.show(conversationId);

    expect(view.hub.args("MarkHandoffRead")).toEqual([[card().id]]);
    expect(view.elements.card.hidden).toBe(false);
    expect(texts(Array.from(view.elements.card.querySelectorAll("dd")))).toEqual(["Ромашка", "ООО «Ромашка»", "Бизнес", "+79161234567", "Счёт на оплату", "Прочитана"]);
    expect(testId(view.elements.card, "contact-warning").textContent).toBe("Контакт не совпадает с данными клиента в системе — проверьте перед звонком.");
    expect(testIds(view.elements.card, "accept-handoff")).toHaveLength(1);
  });

  it("accepts and records the contact on the addressee's clicks, and the status follows the answers", async () => {
    await view.handoffs.show(conversationId);
    testId(view.elements.card, "accept-handoff").click();
    await settle();
    expect(view.hub.args("AcceptHandoff")).toEqual([[card().id]]);
    expect(testId(view.elements.card, "handoff-status").textContent).toBe("Принята");
    expect(testIds(view.elements.card, "accept-handoff")).toHaveLength(0);

    view.hub.answers.RecordContact = (record) => card({ id: record.handoffId, status: "Contacted", contactedBy: record.method });
    testId(view.elements.card, "contacted-email").click();
    await settle();
    expect(view.hub.args("RecordContact")).toEqual([[{ handoffId: card().id, method: "Email" }]]);
    expect(testId(view.elements.card, "handoff-status").textContent).toBe("Связались с клиентом");
    expect(testIds(view.elements.card, "contacted-phone")).toHaveLength(0);
  });

  it("says why a step was refused", async () => {
    await view.handoffs.show(conversationId);
    view.hub.answers.AcceptHandoff = () => refused("forbidden");
    testId(view.elements.card, "accept-handoff").click();
    await settle();
    expect(view.error.textContent).toBe("Нет доступа к этому диалогу.");
    expect(testId(view.elements.card, "handoff-status").textContent).toBe("Прочитана");
  });

  it("is hidden for a conversation without a handoff", async () => {
    await view.handoffs.show(otherConversationId);
    expect(view.elements.card.hidden).toBe(true);
    expect(view.elements.card.childElementCount).toBe(0);
  });
});

describe("HandoffsPanel for someone else's handoff", () => {
  it("shows a supervisor the card read-only and leaves it unread", async () => {
    const { hub, handoffs, elements } = panel({ GetHandoffs: () => [card({ assignedTo: "m.smirnova", verified: false })] });
    await handoffs.load();
    await handoffs.show(conversationId);

    expect(hub.args("MarkHandoffRead")).toEqual([]);
    expect(elements.card.textContent).toContain("Клиент не найден по указанному номеру или названию.");
    expect(elements.card.querySelectorAll("button")).toHaveLength(0);
  });

  it("treats a pool handoff as addressed to every member of the pool", async () => {
    const { hub, handoffs, elements } = panel({ GetHandoffs: () => [card({ assignedTo: null, pool: "managers" })] });
    await handoffs.load();
    await handoffs.show(conversationId);
    expect(hub.args("MarkHandoffRead")).toEqual([[card().id]]);
    expect(testIds(elements.card, "contacted-phone")).toHaveLength(1);
  });
});
