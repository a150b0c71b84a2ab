// A side's read mark (docs/protocol.md, "Typing and read state"): MarkRead goes to the server only when the other
// side's message is on screen past the mark the server already has, once per batch of shown messages. The widget
// reports the visitor's reading of agents' messages; the console, the agents' reading of the visitor's.

import type { ChatMessage, SenderKind } from "./contracts";

export class ReadReporter {
  private reported = 0;
  private wanted = 0;
  private scheduled = false;
  private generation = 0;

  constructor(
    private readonly send: (sequence: number) => Promise<number>,
    /** Whose messages being read moves the mark: "Agent" in the widget, "Visitor" in the console. */
    private readonly author: SenderKind,
  ) {}

  /** The server has this side's mark at `sequence` already (Resume's read mark, a ReadUpTo from another tab or colleague). */
  known(sequence: number): void {
    this.reported = Math.max(this.reported, sequence);
  }

  /** The transcript is on screen: report it read up to its last message when it shows the other side's message past the mark. */
  read(messages: readonly ChatMessage[]): void {
    const floor = Math.max(this.reported, this.wanted);
    for (let i = messages.length - 1; i >= 0 && messages[i]!.sequence > floor; i--) {
      if (messages[i]!.sender === this.author) {
        this.wanted = messages[messages.length - 1]!.sequence;
        this.schedule();
        return;
      }
    }
  }

  /** Another conversation: nothing of it is known yet. */
  reset(): void {
    this.reported = this.wanted = 0;
    this.generation++;
  }

  private schedule(): void {
    if (this.scheduled) {
      return;
    }
    this.scheduled = true;
    queueMicrotask(() => {
      this.scheduled = false;
      const sequence = this.wanted;
      if (sequence <= this.reported) {
        return;
      }
      const generation = this.generation;
      this.send(sequence).then(
        (mark) => {
          if (generation === this.generation) {
            this.known(Math.max(mark, sequence));
          }
        },
        () => {
          // Not connected or refused: the next look at the transcript tries again.
          if (generation === this.generation && this.wanted === sequence) {
            this.wanted = this.reported;
          }
        },
      );
    });
  }
}
