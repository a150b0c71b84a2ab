// @vitest-environment happy-dom
import { settle } from "@chat/shared/testing";
import { afterEach, describe, expect, it } from "vitest";
import { NotesPanel } from "../src/notes";
import { context, conversationId, errorLine, FakeHub, note, otherConversationId, pageElement, refused, submit, testIds, type Answers } from "./console";

function panel(answers: Answers) {
  const hub = new FakeHub(answers);
  const form = pageElement("form");
  const elements = { list: document.createElement("ul"), form, input: pageElement("textarea", form) };
  const errors = errorLine();
  return { hub, notes: new NotesPanel(context(hub), elements, errors.line), elements, error: errors.element };
}

const shown = (list: HTMLElement) => testIds(list, "note").map((item) => item.textContent);

describe("NotesPanel", () => {
  afterEach(() => document.body.replaceChildren());

  it("shows the conversation's notes with author and time", async () => {
    const { notes, elements } = panel({ GetNotes: () => [note()] });
    await notes.show(conversationId);
    expect(shown(elements.list)).toEqual([expect.stringMatching(/^Пётр Петров, \d\d:\d\d: Перезвонить после обеда$/)]);
  });

  it("adds a note once, whether its answer or its NoteAdded comes first, and empties the box", async () => {
    const added = note({ id: "new", text: "Клиент просит счёт" });
    const { hub, notes, elements } = panel({ GetNotes: () => [], AddNote: () => added });
    await notes.show(conversationId);
    elements.input.value = "  Клиент просит счёт ";
    submit(elements.form);
    notes.added(added);
    await settle();

    expect(hub.args("AddNote")).toEqual([[{ conversationId, clientNoteId: expect.stringMatching(/^[0-9a-f-]{36}$/), text: "Клиент просит счёт" }]]);
    expect(elements.input.value).toBe("");
    expect(shown(elements.list)).toHaveLength(1);
  });

  it("ignores the notes of another conversation and sends no empty note", async () => {
    const { hub, notes, elements } = panel({ GetNotes: () => [] });
    await notes.show(conversationId);
    notes.added(note({ conversationId: otherConversationId }));
    elements.input.value = "   ";
    submit(elements.form);
    await settle();
    expect(shown(elements.list)).toEqual([]);
    expect(hub.methods).toEqual(["GetNotes"]);
  });

  it("keeps the text and says why a note was refused", async () => {
    const { notes, elements, error } = panel({ GetNotes: () => [], AddNote: () => refused("message_too_long") });
    await notes.show(conversationId);
    elements.input.value = "Очень длинная заметка";
    submit(elements.form);
    await settle();
    expect(error.textContent).toBe("Сообщение слишком длинное: не больше 4000 символов.");
    expect(elements.input.value).toBe("Очень длинная заметка");
  });
});
