import type { ChatMessage, ResumeResult } from "../src/contracts";

export const conversationId = "0193a000-0000-7000-8000-000000000001";

export function message(sequence: number, overrides: Partial<ChatMessage> = {}): ChatMessage {
  return {
    conversationId,
    sequence,
    id: `00000000-0000-7000-8000-${String(sequence).padStart(12, "0")}`,
    clientMessageId: `10000000-0000-4000-8000-${String(sequence).padStart(12, "0")}`,
    sender: sequence % 2 === 1 ? "Visitor" : "Agent",
    senderName: sequence % 2 === 1 ? "Visitor" : "Пётр Петров",
    text: `message ${sequence}`,
    sentAt: "2026-11-25T09:00:00+00:00",
    ...overrides,
  };
}

/** A fake server conversation: messages 1…n, resume pages of at most `pageSize`. */
export function server(count: number, pageSize = 500) {
  const messages = Array.from({ length: count }, (_, i) => message(i + 1));
  const calls: number[] = [];
  return {
    messages,
    calls,
    resume: async (after: number): Promise<ResumeResult> => {
      calls.push(after);
      return { conversationId, lastSequence: messages.length, messages: messages.filter((m) => m.sequence > after).slice(0, pageSize) };
    },
  };
}

export function hubError(code: string): Error {
  return new Error(`An unexpected error occurred invoking 'SendMessage' on the server. HubException: ${code}: Some text.`);
}

export async function settle(): Promise<void> {
  for (let i = 0; i < 10; i++) {
    await Promise.resolve();
  }
}

/** A manual clock for Timer-taking code: `advance` runs every timer that falls due, in order. */
export function fakeClock() {
  let now = 0;
  let timers: { at: number; callback: () => void }[] = [];
  return {
    now: () => now,
    timer: (callback: () => void, delayMs: number) => {
      const entry = { at: now + delayMs, callback };
      timers.push(entry);
      return () => {
        timers = timers.filter((t) => t !== entry);
      };
    },
    advance(ms: number): void {
      const until = now + ms;
      for (;;) {
        const due = timers.filter((t) => t.at <= until).sort((a, b) => a.at - b.at)[0];
        if (!due) {
          break;
        }
        timers = timers.filter((t) => t !== due);
        now = due.at;
        due.callback();
      }
      now = until;
    },
    get pending(): number {
      return timers.length;
    },
  };
}
