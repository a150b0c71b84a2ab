import type { ChatMessage, ResumeResult } from "../src/protocol";

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
