// The delivery rules of docs/protocol.md as plain logic, shared by the widget and the agent console:
// messages shown in sequence order without duplicates, gaps filled by resuming, sends queued in an
// outbox and retried with the same client id until the server has stored them.

import { backoffDelay } from "./backoff";
import type { ChatMessage, ResumeResult, SendResult } from "./contracts";
import { hubErrorCode, isRetryable, type ErrorCode } from "./errors";
import { newClientMessageId } from "./ids";
import type { Outbox, OutboxEntry } from "./outbox";

/** What became of a message offered to a transcript. */
export type ApplyOutcome = "shown" | "duplicate" | "gap";

/** The messages shown so far: always sequences 1 … lastSequence, without a hole. */
export class Transcript {
  private shown: ChatMessage[] = [];
  private id: string | null = null;

  get conversationId(): string | null {
    return this.id;
  }

  get lastSequence(): number {
    return this.shown.length === 0 ? 0 : this.shown[this.shown.length - 1]!.sequence;
  }

  get messages(): readonly ChatMessage[] {
    return this.shown;
  }

  /**
   * Shows the next message; drops one at or below the last shown; refuses one past a hole. A message
   * of another conversation counts as a gap: the resume that follows finds out which one is current.
   */
  apply(message: ChatMessage): ApplyOutcome {
    this.id ??= message.conversationId;
    if (message.conversationId !== this.id) {
      return "gap";
    }
    const last = this.lastSequence;
    if (message.sequence <= last) {
      return "duplicate";
    }
    if (message.sequence > last + 1) {
      return "gap";
    }
    this.shown.push(message);
    return "shown";
  }

  /** Starts over for another conversation (a visitor whose session was replaced). */
  reset(conversationId: string): void {
    this.id = conversationId;
    this.shown = [];
  }
}

export interface ResumeCallbacks {
  shown(message: ChatMessage): void;
  reset(): void;
  /** Each page's read marks, after a reset it caused and before its messages are shown. */
  readMarks?(marks: ReadMarks): void;
}

/** How far each side has read the other's messages, as a ResumeResult carries them (0 when absent). */
export interface ReadMarks {
  readByVisitor: number;
  readByAgent: number;
}

/**
 * Calls `fetchAfter` with the last shown sequence until the server has nothing newer, showing
 * each page in order. A page for another conversation starts the transcript over.
 */
export async function resumeAll(
  transcript: Transcript,
  fetchAfter: (afterSequence: number) => Promise<ResumeResult>,
  callbacks: ResumeCallbacks,
): Promise<void> {
  for (;;) {
    const before = transcript.lastSequence;
    const page = await fetchAfter(before);
    if (transcript.conversationId === null) {
      transcript.reset(page.conversationId);
    } else if (transcript.conversationId !== page.conversationId) {
      transcript.reset(page.conversationId);
      callbacks.reset();
      if (before > 0) {
        continue;
      }
    }
    callbacks.readMarks?.({ readByVisitor: page.readByVisitor ?? 0, readByAgent: page.readByAgent ?? 0 });
    for (const message of page.messages) {
      const outcome = transcript.apply(message);
      if (outcome === "shown") {
        callbacks.shown(message);
      } else if (outcome === "gap") {
        break;
      }
    }
    if (page.lastSequence <= transcript.lastSequence) {
      return;
    }
    if (transcript.lastSequence === before) {
      throw new Error(`Resume after ${before} returned nothing although the conversation goes up to ${page.lastSequence}.`);
    }
  }
}

/** How a client reaches the server for one conversation. */
export interface ConversationTransport {
  resume(afterSequence: number): Promise<ResumeResult>;
  send(clientMessageId: string, text: string): Promise<SendResult>;
}

/** What the view hears. A shown message whose clientMessageId matches a pending entry replaces it. */
export interface ConversationListener {
  shown(message: ChatMessage): void;
  pending(entry: OutboxEntry): void;
  rejected(entry: OutboxEntry, code: ErrorCode): void;
  reset(): void;
  /** The read marks of every resume page, before its messages are shown (see ResumeCallbacks.readMarks). */
  readMarks?(marks: ReadMarks): void;
}

export type Timer = (callback: () => void, delayMs: number) => () => void;

export interface ConversationOptions {
  outbox: Outbox;
  maxLength?: number;
  newId?: () => string;
  timer?: Timer;
  retryDelay?: (attempt: number) => number;
  now?: () => Date;
}

export type SendOutcome = { queued: true; entry: OutboxEntry } | { queued: false; code: ErrorCode };

export const browserTimer: Timer = (callback, delayMs) => {
  const handle = setTimeout(callback, delayMs);
  return () => clearTimeout(handle);
};

/**
 * One conversation as a client sees it. Call `connected()` after every (re)connect,
 * `disconnected()` when the connection drops, `received()` for each MessageReceived event.
 */
export class ConversationClient {
  readonly transcript = new Transcript();
  private readonly outbox: Outbox;
  private readonly maxLength: number;
  private readonly newId: () => string;
  private readonly timer: Timer;
  private readonly retryDelay: (attempt: number) => number;
  private readonly now: () => Date;
  private online = false;
  private syncing: Promise<void> | null = null;
  private syncAgain = false;
  private flushing = false;
  private syncFailures = 0;
  private sendFailures = 0;
  private cancelSyncRetry: (() => void) | null = null;
  private cancelSendRetry: (() => void) | null = null;

  constructor(
    private readonly transport: ConversationTransport,
    private readonly listener: ConversationListener,
    options: ConversationOptions,
  ) {
    this.outbox = options.outbox;
    this.maxLength = options.maxLength ?? 4000;
    this.newId = options.newId ?? (() => newClientMessageId());
    this.timer = options.timer ?? browserTimer;
    this.retryDelay = options.retryDelay ?? backoffDelay;
    this.now = options.now ?? (() => new Date());
  }

  get isOnline(): boolean {
    return this.online;
  }

  /** Announces the sends a previous page left in the outbox, so the view shows them as pending. */
  restore(): void {
    for (const entry of this.outbox.entries()) {
      this.listener.pending(entry);
    }
  }

  /** After every (re)connect: fetch what was missed, then send what waits in the outbox. */
  async connected(): Promise<void> {
    this.online = true;
    this.syncFailures = 0;
    this.sendFailures = 0;
    await this.sync();
    await this.flush();
  }

  disconnected(): void {
    this.online = false;
    this.cancelSyncRetry?.();
    this.cancelSendRetry?.();
    this.cancelSyncRetry = this.cancelSendRetry = null;
  }

  /** A MessageReceived event. */
  received(message: ChatMessage): void {
    this.accept(message);
  }

  /** Queues a text: shown at once as pending, sent when connected, retried with the same id. */
  send(text: string): SendOutcome {
    const trimmed = text.trim();
    if (trimmed.length === 0) {
      return { queued: false, code: "empty_message" };
    }
    if (trimmed.length > this.maxLength) {
      return { queued: false, code: "message_too_long" };
    }
    const entry: OutboxEntry = { clientMessageId: this.newId(), text: trimmed, createdAt: this.now().toISOString() };
    this.outbox.add(entry);
    this.listener.pending(entry);
    void this.flush();
    return { queued: true, entry };
  }

  /** Fetches everything after the last shown message; concurrent calls share one run that goes round again. */
  sync(): Promise<void> {
    if (this.syncing) {
      this.syncAgain = true;
      return this.syncing;
    }
    this.syncing = this.runSync().finally(() => {
      this.syncing = null;
    });
    return this.syncing;
  }

  private async runSync(): Promise<void> {
    do {
      this.syncAgain = false;
      try {
        await resumeAll(this.transcript, (after) => this.transport.resume(after), {
          shown: (message) => this.announce(message),
          reset: () => this.listener.reset(),
          readMarks: (marks) => this.listener.readMarks?.(marks),
        });
        this.syncFailures = 0;
      } catch {
        this.retrySyncLater();
        return;
      }
    } while (this.syncAgain && this.online);
  }

  private async flush(): Promise<void> {
    if (this.flushing || !this.online) {
      return;
    }
    this.flushing = true;
    try {
      for (let entry = this.outbox.first(); entry && this.online; entry = this.outbox.first()) {
        if (!(await this.deliver(entry))) {
          this.retrySendLater();
          return;
        }
      }
      this.sendFailures = 0;
    } finally {
      this.flushing = false;
    }
  }

  /** Sends one entry; false when it must be tried again later. */
  private async deliver(entry: OutboxEntry): Promise<boolean> {
    try {
      const result = await this.transport.send(entry.clientMessageId, entry.text);
      this.outbox.remove(entry.clientMessageId);
      this.accept(result.message);
      return true;
    } catch (error) {
      const code = hubErrorCode(error);
      if (code === null || isRetryable(code)) {
        return false;
      }
      this.outbox.remove(entry.clientMessageId);
      this.listener.rejected(entry, code);
      return true;
    }
  }

  private accept(message: ChatMessage): void {
    const outcome = this.transcript.apply(message);
    if (outcome === "shown") {
      this.announce(message);
    } else if (outcome === "gap" && this.online) {
      void this.sync();
    }
  }

  private announce(message: ChatMessage): void {
    this.outbox.remove(message.clientMessageId);
    this.listener.shown(message);
  }

  private retrySyncLater(): void {
    if (!this.online) {
      return;
    }
    this.cancelSyncRetry?.();
    this.cancelSyncRetry = this.timer(() => {
      this.cancelSyncRetry = null;
      void this.sync();
    }, this.retryDelay(this.syncFailures++));
  }

  private retrySendLater(): void {
    if (!this.online) {
      return;
    }
    this.cancelSendRetry?.();
    this.cancelSendRetry = this.timer(() => {
      this.cancelSendRetry = null;
      void this.flush();
    }, this.retryDelay(this.sendFailures++));
  }
}
