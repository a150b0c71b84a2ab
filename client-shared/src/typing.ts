// Typing hints of docs/protocol.md, both ways, as plain logic with an injected clock: the visitor's own
// (Typing(true) at most every 3 s while they go on, Typing(false) on send, on clearing the box and after
// 5 s without typing) and the agents' (shown until 6 s pass without a fresh true, a false, or their message).

import type { ChatMessage, SenderKind, TypingState } from "./contracts";
import { browserTimer, type Timer } from "./conversation";

export interface TypingTiming {
  /** At most one Typing(true) this often while the user goes on typing. */
  repeatMs: number;
  /** Typing(false) after this long without typing. */
  idleMs: number;
  /** A receiver hides the indicator after this long without a fresh true. */
  expiryMs: number;
}

export const typingTiming: TypingTiming = { repeatMs: 3000, idleMs: 5000, expiryMs: 6000 };

/** Turns the user's keystrokes into Typing calls. */
export class TypingNotifier {
  private typing = false;
  private lastTrueAt = 0;
  private cancelIdle: (() => void) | null = null;

  constructor(
    private readonly send: (isTyping: boolean) => void,
    private readonly timer: Timer = browserTimer,
    private readonly now: () => number = Date.now,
    private readonly timing: TypingTiming = typingTiming,
  ) {}

  /** The text box changed; an empty box counts as stopping. */
  input(text: string): void {
    if (text.trim() === "") {
      this.stop();
      return;
    }
    const now = this.now();
    if (!this.typing || now - this.lastTrueAt >= this.timing.repeatMs) {
      this.typing = true;
      this.lastTrueAt = now;
      this.send(true);
    }
    this.cancelIdle?.();
    this.cancelIdle = this.timer(() => {
      this.cancelIdle = null;
      this.stop();
    }, this.timing.idleMs);
  }

  /** The user sent, cleared the box or went idle: Typing(false) once, if a true went out. */
  stop(): void {
    this.cancelIdle?.();
    this.cancelIdle = null;
    if (this.typing) {
      this.typing = false;
      this.send(false);
    }
  }
}

/** Who of the other side is typing now, by name, in the order they started. */
export class TypingWatch {
  private readonly typing = new Map<string, () => void>();

  constructor(
    private readonly sender: SenderKind,
    private readonly changed: (names: readonly string[]) => void,
    private readonly timer: Timer = browserTimer,
    private readonly timing: TypingTiming = typingTiming,
  ) {}

  get names(): readonly string[] {
    return Array.from(this.typing.keys());
  }

  /** A TypingChanged event; those of other senders are ignored. */
  update(state: TypingState): void {
    if (state.sender !== this.sender) {
      return;
    }
    if (!state.isTyping) {
      this.remove(state.name);
      return;
    }
    const known = this.typing.has(state.name);
    this.typing.get(state.name)?.();
    this.typing.set(
      state.name,
      this.timer(() => this.remove(state.name), this.timing.expiryMs),
    );
    if (!known) {
      this.changed(this.names);
    }
  }

  /** A message was shown: its author has stopped typing. */
  shown(message: ChatMessage): void {
    if (message.sender === this.sender) {
      this.remove(message.senderName);
    }
  }

  /** Forgets everyone (another conversation). */
  clear(): void {
    if (this.typing.size === 0) {
      return;
    }
    this.typing.forEach((cancel) => cancel());
    this.typing.clear();
    this.changed([]);
  }

  private remove(name: string): void {
    const cancel = this.typing.get(name);
    if (cancel) {
      cancel();
      this.typing.delete(name);
      this.changed(this.names);
    }
  }
}
