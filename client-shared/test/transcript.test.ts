import { describe, expect, it } from "vitest";
import { resumeAll, Transcript } from "../src/conversation";
import { conversationId, message, server } from "./helpers";

const noReset = { reset: () => undefined };

describe("Transcript", () => {
  it("shows the next message in sequence", () => {
    const transcript = new Transcript();
    expect(transcript.apply(message(1))).toBe("shown");
    expect(transcript.apply(message(2))).toBe("shown");
    expect(transcript.lastSequence).toBe(2);
  });

  it("drops a message at or below the last shown as a duplicate", () => {
    const transcript = new Transcript();
    transcript.apply(message(1));
    transcript.apply(message(2));
    expect(transcript.apply(message(2))).toBe("duplicate");
    expect(transcript.apply(message(1))).toBe("duplicate");
    expect(transcript.messages.map((m) => m.sequence)).toEqual([1, 2]);
  });

  it("reports a gap and does not show a message past it", () => {
    const transcript = new Transcript();
    transcript.apply(message(1));
    expect(transcript.apply(message(3))).toBe("gap");
    expect(transcript.lastSequence).toBe(1);
  });
});

describe("resumeAll", () => {
  it("asks from the last shown sequence and shows everything after it in order", async () => {
    const transcript = new Transcript();
    const fake = server(3);
    const shown: number[] = [];
    await resumeAll(transcript, fake.resume, { shown: (m) => shown.push(m.sequence), ...noReset });
    expect(fake.calls).toEqual([0]);
    expect(shown).toEqual([1, 2, 3]);
    expect(transcript.conversationId).toBe(conversationId);
  });

  it("keeps calling while lastSequence is above the last message received", async () => {
    const transcript = new Transcript();
    const fake = server(1201, 500);
    const shown: number[] = [];
    await resumeAll(transcript, fake.resume, { shown: (m) => shown.push(m.sequence), ...noReset });
    expect(fake.calls).toEqual([0, 500, 1000]);
    expect(shown).toHaveLength(1201);
    expect(shown.every((s, i) => s === i + 1)).toBe(true);
  });

  it("skips what a live event already showed", async () => {
    const transcript = new Transcript();
    const fake = server(4);
    transcript.apply(fake.messages[0]!);
    transcript.apply(fake.messages[1]!);
    const shown: number[] = [];
    await resumeAll(transcript, fake.resume, { shown: (m) => shown.push(m.sequence), ...noReset });
    expect(fake.calls).toEqual([2]);
    expect(shown).toEqual([3, 4]);
  });

  it("starts over when the session now belongs to another conversation", async () => {
    const transcript = new Transcript();
    await resumeAll(transcript, server(2).resume, { shown: () => undefined, ...noReset });
    const otherId = "0193a000-0000-7000-8000-000000000002";
    const calls: number[] = [];
    let resets = 0;
    const shown: string[] = [];
    await resumeAll(
      transcript,
      async (after) => {
        calls.push(after);
        return { conversationId: otherId, lastSequence: 1, messages: after === 0 ? [message(1, { conversationId: otherId })] : [] };
      },
      { shown: (m) => shown.push(`${m.conversationId}#${m.sequence}`), reset: () => resets++ },
    );
    expect(resets).toBe(1);
    expect(calls).toEqual([2, 0]);
    expect(shown).toEqual([`${otherId}#1`]);
  });

  it("fails instead of looping when the server claims more but sends nothing", async () => {
    const transcript = new Transcript();
    await expect(resumeAll(transcript, async () => ({ conversationId, lastSequence: 5, messages: [] }), { shown: () => undefined, ...noReset })).rejects.toThrow(
      /returned nothing/,
    );
  });
});

describe("Transcript and conversations", () => {
  it("treats a message of another conversation as a gap, for the resume to sort out", () => {
    const transcript = new Transcript();
    transcript.apply(message(1));
    expect(transcript.apply(message(2, { conversationId: "other" }))).toBe("gap");
    expect(transcript.lastSequence).toBe(1);
  });
});

describe("resumeAll and read marks", () => {
  it("hands each page's read marks over before that page's messages, 0 when the server sends none", async () => {
    const transcript = new Transcript();
    const events: string[] = [];
    const pages = [
      { conversationId, lastSequence: 3, messages: [message(1), message(2)], readByVisitor: 2, readByAgent: 1 },
      { conversationId, lastSequence: 3, messages: [message(3)] },
    ];
    await resumeAll(transcript, async () => pages.shift()!, {
      shown: (m) => events.push(`shown ${m.sequence}`),
      reset: () => events.push("reset"),
      readMarks: (marks) => events.push(`marks ${marks.readByVisitor}/${marks.readByAgent}`),
    });
    expect(events).toEqual(["marks 2/1", "shown 1", "shown 2", "marks 0/0", "shown 3"]);
  });

  it("hands over the new conversation's marks after the reset, not the old one's", async () => {
    const transcript = new Transcript();
    await resumeAll(transcript, server(2).resume, { shown: () => undefined, ...noReset });
    const otherId = "0193a000-0000-7000-8000-000000000002";
    const events: string[] = [];
    await resumeAll(
      transcript,
      async (after) => ({ conversationId: otherId, lastSequence: 1, messages: after === 0 ? [message(1, { conversationId: otherId })] : [], readByAgent: 1, readByVisitor: 0 }),
      {
        shown: (m) => events.push(`shown ${m.sequence}`),
        reset: () => events.push("reset"),
        readMarks: (marks) => events.push(`marks ${marks.readByAgent}`),
      },
    );
    expect(events).toEqual(["reset", "marks 1", "shown 1"]);
  });
});
