// What a details panel knows of the conversation on screen: read when the conversation comes on screen, forgotten when
// another one does, and an answer that arrives for a conversation no longer on screen dropped.

import type { ErrorLine } from "./error-line";

export class ShownConversation<T> {
  private id: string | null = null;
  /** What was read for the conversation on screen, `empty` until it is (and without a conversation). */
  value: T;

  constructor(
    private readonly read: (conversationId: string) => Promise<T>,
    private readonly empty: T,
    private readonly errors: ErrorLine,
    private readonly changed: () => void,
  ) {
    this.value = empty;
  }

  get conversationId(): string | null {
    return this.id;
  }

  async show(conversationId: string | null): Promise<void> {
    this.id = conversationId;
    this.value = this.empty;
    this.changed();
    await this.reload();
  }

  /** Reads it again, e.g. after a close changed it; a refusal shows on the error line. */
  async reload(): Promise<void> {
    const conversationId = this.id;
    if (conversationId === null) {
      return;
    }
    await this.errors.run(async () => {
      const value = await this.read(conversationId);
      if (this.id === conversationId) {
        this.value = value;
        this.changed();
      }
    });
  }

  /** What is shown changed with a live event. */
  set(value: T): void {
    this.value = value;
    this.changed();
  }
}
