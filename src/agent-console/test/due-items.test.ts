// @vitest-environment happy-dom
import { message, settle } from "@chat/shared/testing";
import { describe, expect, it } from "vitest";
import { DueItemsPanel } from "../src/due-items";
import { context, conversationId, dueItem, errorLine, FakeHub, refused, testId, testIds, type Answers } from "./console";

function panel(answers: Answers) {
  const hub = new FakeHub(answers);
  const elements = { list: document.createElement("ul"), count: document.createElement("span") };
  const errors = errorLine();
  const selected: string[] = [];
  return { hub, due: new DueItemsPanel(context(hub), elements, errors.line, (id) => selected.push(id)), elements, error: errors.element, selected };
}

const later = dueItem({ id: "later", visitorName: "Борис", dueAt: "2026-11-25T15:00:00+00:00" });
const overdue = dueItem({ id: "overdue", visitorName: null, conversationId: null, dueAt: "2026-11-24T15:00:00+00:00", overdue: true, noticeSentAt: "2026-11-24T12:00:00+00:00" });

describe("DueItemsPanel", () => {
  it("lists the items nearest due first, says which are overdue, and opens an item's conversation", async () => {
    const { due, elements, selected } = panel({ GetDueItems: () => [later, overdue] });
    await due.load();

    const items = testIds(elements.list, "due-item");
    expect(elements.count.textContent).toBe("2");
    expect(items.map((item) => item.querySelector(".inbox-item__name")!.textContent)).toEqual(["Посетитель", "Борис"]);
    expect(items[0]!.classList.contains("inbox-item--overdue")).toBe(true);
    expect(items[0]!.querySelector(".inbox-item__time")!.textContent).toMatch(/^просрочено \d\d\.\d\d, \d\d:\d\d$/);
    expect(items[1]!.querySelector(".inbox-item__time")!.textContent).toMatch(/^до \d\d\.\d\d, \d\d:\d\d$/);
    items[1]!.click();
    items[0]!.click();
    expect(selected).toEqual([conversationId]);
  });

  it("sends the longer-work notice once and then offers it no more", async () => {
    const { hub, due, elements } = panel({ GetDueItems: () => [later, overdue], SendLongerWorkNotice: () => ({ message: message(3, { sender: "System" }), duplicate: false }) });
    await due.load();
    expect(testIds(elements.list, "longer-work")).toHaveLength(1);

    testId(elements.list, "longer-work").click();
    await settle();
    expect(hub.args("SendLongerWorkNotice")).toEqual([["later"]]);
    expect(testIds(elements.list, "longer-work")).toHaveLength(0);
  });

  it("shows a refused notice and keeps offering it", async () => {
    const { due, elements, error } = panel({ GetDueItems: () => [later], SendLongerWorkNotice: () => refused("queued_item_not_found") });
    await due.load();
    testId(elements.list, "longer-work").click();
    await settle();
    expect(error.textContent).toBe("Ошибка на сервере, попробуйте ещё раз.");
    expect(testIds(elements.list, "longer-work")).toHaveLength(1);
  });

  it("acknowledges every delivery of a queued item and reloads the list only for a new one", async () => {
    const { hub, due, elements } = panel({ GetDueItems: () => [later], AcknowledgeDelivery: () => undefined });
    const item = { id: "later", kind: "offline-request", targetKind: "Pool" as const, target: "call-centre", conversationId, payload: "{}", createdAt: "", dueAt: later.dueAt, attempt: 1 };
    await due.queued(item);
    await due.queued({ ...item, attempt: 2 });

    expect(hub.methods).toEqual(["AcknowledgeDelivery", "GetDueItems", "AcknowledgeDelivery"]);
    expect(testIds(elements.list, "due-item")).toHaveLength(1);
  });
});
