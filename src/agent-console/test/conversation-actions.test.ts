// @vitest-environment happy-dom
import type { ClosedConversation, ConversationSummary } from "@chat/shared/contracts";
import { settle } from "@chat/shared/testing";
import { afterEach, describe, expect, it } from "vitest";
import { ConversationActionsPanel } from "../src/conversation-actions";
import { context, conversationId, errorLine, FakeHub, pageElement, refused, submit, summary, type Answers } from "./console";

/** A refusal of a field, as the SignalR client reports it. */
function fieldRefused(message: string): never {
  throw new Error(`An unexpected error occurred invoking 'TransferConversation' on the server. HubException: ${message}`);
}

function panel(answers: Answers) {
  const hub = new FakeHub(answers);
  const transferForm = pageElement("form");
  const closeForm = pageElement("form");
  const transferError = pageElement("p", transferForm);
  transferError.id = "transfer-error";
  const elements = { transferForm, transferInput: pageElement("input", transferForm), transferError, closeForm, preparationInput: pageElement("input", closeForm) };
  const errors = errorLine();
  const closed: ClosedConversation[] = [];
  const transferred: ConversationSummary[] = [];
  const actions = new ConversationActionsPanel(context(hub), elements, errors.line, {
    transferred: (done) => void transferred.push(done),
    closed: async (done) => void closed.push(done),
  });
  actions.show(conversationId);
  return { hub, actions, elements, error: errors.element, closed, transferred };
}

describe("ConversationActionsPanel", () => {
  afterEach(() => document.body.replaceChildren());

  it("transfers to a colleague by login and to a department by name, and hands the new line on", async () => {
    const { hub, elements, transferred } = panel({ TransferConversation: () => summary({ assignedTo: "m.smirnova" }) });
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
    expect(transferred.map((line) => line.assignedTo)).toEqual(["m.smirnova", "m.smirnova"]);
  });

  it("says beside the field that nobody has the login or works in the department, until the field is changed", async () => {
    const { elements, error } = panel({
      TransferConversation: (request) =>
        fieldRefused(request.toLogin ? "staff_not_found: No such colleague. [fields: toLogin=staff_not_found]" : "invalid_argument: No such department. [fields: toDepartment=invalid_argument]"),
    });
    elements.transferInput.value = "no.body";
    submit(elements.transferForm);
    await settle();
    expect([elements.transferError.textContent, elements.transferInput.getAttribute("aria-invalid"), elements.transferInput.getAttribute("aria-describedby"), error.textContent]).toEqual([
      "Нет сотрудника с таким логином.",
      "true",
      "transfer-error",
      "",
    ]);

    elements.transferInput.value = "nowhere";
    submit(elements.transferForm);
    await settle();
    expect(elements.transferError.textContent).toBe("В этом отделе нет сотрудников.");
    elements.transferInput.dispatchEvent(new Event("input"));
    expect([elements.transferError.textContent, elements.transferInput.hasAttribute("aria-invalid")]).toEqual(["", false]);
  });

  it("clears a refusal once a later action succeeds", async () => {
    const { hub, elements, error } = panel({ TransferConversation: () => refused("not_assignee") });
    elements.transferInput.value = "m.smirnova";
    submit(elements.transferForm);
    await settle();
    expect(error.textContent).toBe("Диалог ведёт другой сотрудник.");

    hub.answers.CloseConversation = () => ({ conversation: summary({ status: "Closed" }), handlingMinutes: 1, preparationMinutes: 0, company: null });
    submit(elements.closeForm);
    await settle();
    expect(error.textContent).toBe("");
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
