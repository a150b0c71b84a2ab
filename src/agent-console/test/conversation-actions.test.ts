// @vitest-environment happy-dom
import type { ClosedConversation } from "@chat/shared/contracts";
import { settle } from "@chat/shared/testing";
import { afterEach, describe, expect, it } from "vitest";
import { ConversationActionsPanel } from "../src/conversation-actions";
import { context, conversationId, errorLine, FakeHub, pageElement, refused, submit, summary, type Answers } from "./console";

function panel(answers: Answers) {
  const hub = new FakeHub(answers);
  const transferForm = pageElement("form");
  const closeForm = pageElement("form");
  const elements = { transferForm, transferInput: pageElement("input", transferForm), closeForm, preparationInput: pageElement("input", closeForm) };
  const errors = errorLine();
  const closed: ClosedConversation[] = [];
  const actions = new ConversationActionsPanel(context(hub), elements, errors.line, async (done) => void closed.push(done));
  actions.show(conversationId);
  return { hub, actions, elements, error: errors.element, closed };
}

describe("ConversationActionsPanel", () => {
  afterEach(() => document.body.replaceChildren());

  it("transfers to a colleague by login and to a department by name", async () => {
    const { hub, elements } = panel({ TransferConversation: () => summary() });
    elements.transferInput.value = " m.smirnova ";
    submit(elements.transferForm);
    await settle();
    expect(elements.transferInput.value).toBe("");
    elements.transferInput.value = "managers";
    submit(elements.transferForm);
    await settle();

    expect(hub.args("TransferConversation")).toEqual([
      [{ conversationId, toLogin: "m.smirnova", toDepartment: null }],
      [{ conversationId, toLogin: null, toDepartment: "managers" }],
    ]);
  });

  it("closes with the preparation minutes kept between 0 and 600 and hands the close on", async () => {
    const done: ClosedConversation = { conversation: summary({ status: "Closed" }), handlingMinutes: 3, preparationMinutes: 600, company: null };
    const { hub, elements, closed } = panel({ CloseConversation: () => done });
    elements.preparationInput.value = "900";
    submit(elements.closeForm);
    await settle();
    elements.preparationInput.value = "не число";
    submit(elements.closeForm);
    await settle();

    expect(hub.args("CloseConversation")).toEqual([[{ conversationId, preparationMinutes: 600 }], [{ conversationId, preparationMinutes: 0 }]]);
    expect(elements.preparationInput.value).toBe("0");
    expect(closed).toEqual([done, done]);
  });

  it("does nothing without a conversation on screen or a target, and says why a transfer was refused", async () => {
    const { hub, actions, elements, error } = panel({ TransferConversation: () => refused("conversation_not_found") });
    submit(elements.transferForm);
    actions.show(null);
    submit(elements.closeForm);
    expect(hub.calls).toEqual([]);

    actions.show(conversationId);
    elements.transferInput.value = "nobody.here";
    submit(elements.transferForm);
    await settle();
    expect(error.textContent).toBe("Диалог не найден.");
    expect(elements.transferInput.value).toBe("nobody.here");
  });
});
