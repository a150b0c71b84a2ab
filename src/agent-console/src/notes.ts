// Private notes of the conversation on screen, oldest first: staff only, never sent to the visitor. A note added here or
// in another console (NoteAdded) shows once.

import type { ConversationNote } from "@chat/shared/contracts";
import type { ConsoleContext } from "./context";
import { el, Listeners, timeFormat } from "./dom";
import type { ErrorLine } from "./error-line";
import { ShownConversation } from "./shown-conversation";

export interface NotesElements {
  list: HTMLUListElement;
  form: HTMLFormElement;
  input: HTMLTextAreaElement;
}

export class NotesPanel {
  private readonly listeners = new Listeners();
  private readonly notes: ShownConversation<ConversationNote[]>;

  constructor(
    private readonly context: ConsoleContext,
    private readonly elements: NotesElements,
    private readonly errors: ErrorLine,
  ) {
    this.notes = new ShownConversation<ConversationNote[]>((id) => context.hub.invoke("GetNotes", id), [], errors, () => this.render());
    this.listeners.on(elements.form, "submit", this.onSubmit);
  }

  stop(): void {
    this.listeners.stop();
  }

  show(conversationId: string | null): Promise<void> {
    return this.notes.show(conversationId);
  }

  /** NoteAdded, or the answer to AddNote: shown once. */
  added(note: ConversationNote): void {
    const notes = this.notes.value;
    if (note.conversationId === this.notes.conversationId && !notes.some((n) => n.id === note.id)) {
      this.notes.set([...notes, note]);
    }
  }

  render(): void {
    const format = timeFormat(this.context.language());
    this.elements.list.replaceChildren(
      ...this.notes.value.map((note) => {
        const item = el("li", `${note.authorName}, ${format.format(new Date(note.createdAt))}: ${note.text}`);
        item.dataset.testid = "note";
        return item;
      }),
    );
  }

  private readonly onSubmit = (event: SubmitEvent): void => {
    event.preventDefault();
    const conversationId = this.notes.conversationId;
    const text = this.elements.input.value.trim();
    if (!conversationId || !text) {
      return;
    }
    void this.errors.run(async () => {
      const note = await this.context.hub.invoke("AddNote", { conversationId, clientNoteId: crypto.randomUUID(), text });
      this.elements.input.value = "";
      this.added(note);
    });
  };
}
