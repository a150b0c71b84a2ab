import { beforeEach, describe, expect, it } from "vitest";
import type { ChatMessage, ResumeResult, SendResult } from "../src/contracts";
import { ConversationClient, type ConversationListener, type ConversationTransport, type ReadMarks } from "../src/conversation";
import type { ErrorCode } from "../src/errors";
import { Outbox, type OutboxEntry } from "../src/outbox";
import { memoryStore, type KeyValueStore } from "../src/storage";
import { conversationId, hubError, message, settle } from "./helpers";

/** A scripted server: stores sends idempotently by client id, pushes nothing unless told to. */
class FakeServer implements ConversationTransport {
  readonly stored: ChatMessage[] = [];
  readonly sends: string[] = [];
  readonly resumes: number[] = [];
  failNextSends: Error[] = [];
  loseNextAnswer = false;
  readByVisitor = 0;

  async resume(after: number): Promise<ResumeResult> {
    this.resumes.push(after);
    return { conversationId, lastSequence: this.stored.length, messages: this.stored.filter((m) => m.sequence > after), readByVisitor: this.readByVisitor, readByAgent: 0 };
  }

  async send(clientMessageId: string, text: string): Promise<SendResult> {
    this.sends.push(clientMessageId);
    const failure = this.failNextSends.shift();
    if (failure) {
      throw failure;
    }
    const existing = this.stored.find((m) => m.clientMessageId === clientMessageId);
    if (existing) {
      return { message: existing, duplicate: true };
    }
    const stored = message(this.stored.length + 1, { clientMessageId, text, sender: "Visitor" });
    this.stored.push(stored);
    if (this.loseNextAnswer) {
      this.loseNextAnswer = false;
      throw new Error("Invocation canceled due to the underlying connection being closed.");
    }
    return { message: stored, duplicate: false };
  }

  agentSays(text: string): ChatMessage {
    const stored = message(this.stored.length + 1, { text, sender: "Agent", clientMessageId: `agent-${this.stored.length + 1}` });
    this.stored.push(stored);
    return stored;
  }
}

class RecordingListener implements ConversationListener {
  readonly events: string[] = [];
  shown(m: ChatMessage) {
    this.events.push(`shown ${m.sequence} ${m.clientMessageId}`);
  }
  pending(e: OutboxEntry) {
    this.events.push(`pending ${e.clientMessageId}`);
  }
  rejected(e: OutboxEntry, code: ErrorCode) {
    this.events.push(`rejected ${e.clientMessageId} ${code}`);
  }
  reset() {
    this.events.push("reset");
  }
}

class MarkRecordingListener extends RecordingListener {
  readMarks(marks: ReadMarks) {
    this.events.push(`marks ${marks.readByVisitor}/${marks.readByAgent}`);
  }
}

describe("ConversationClient", () => {
  let store: KeyValueStore;
  let serverSide: FakeServer;
  let listener: RecordingListener;
  let timers: Array<() => void>;
  let ids: number;

  const client = () =>
    new ConversationClient(serverSide, listener, {
      outbox: new Outbox(store, "outbox"),
      newId: () => `c-${++ids}`,
      timer: (callback) => {
        timers.push(callback);
        return () => (timers = timers.filter((t) => t !== callback));
      },
      retryDelay: () => 0,
    });

  beforeEach(() => {
    store = memoryStore();
    serverSide = new FakeServer();
    listener = new RecordingListener();
    timers = [];
    ids = 0;
  });

  it("shows a send as pending, then replaces it with the stored message", async () => {
    const chat = client();
    await chat.connected();
    chat.send("Здравствуйте");
    await settle();
    expect(listener.events).toEqual(["pending c-1", "shown 1 c-1"]);
    expect(new Outbox(store, "outbox").entries()).toEqual([]);
  });

  it("does not show a message twice when the event arrives before the send result", async () => {
    const chat = client();
    await chat.connected();
    chat.send("hi");
    chat.received(message(1, { clientMessageId: "c-1", text: "hi" }));
    await settle();
    expect(listener.events.filter((e) => e.startsWith("shown"))).toEqual(["shown 1 c-1"]);
  });

  it("drops a MessageReceived it has already shown", async () => {
    const chat = client();
    await chat.connected();
    const reply = serverSide.agentSays("Добрый день");
    chat.received(reply);
    chat.received(reply);
    expect(listener.events).toEqual(["shown 1 agent-1"]);
  });

  it("fills a gap by resuming from the last shown sequence", async () => {
    const chat = client();
    await chat.connected();
    const first = serverSide.agentSays("one");
    chat.received(first);
    serverSide.agentSays("two");
    const third = serverSide.agentSays("three");
    chat.received(third);
    await settle();
    expect(serverSide.resumes).toEqual([0, 1]);
    expect(listener.events).toEqual(["shown 1 agent-1", "shown 2 agent-2", "shown 3 agent-3"]);
  });

  it("keeps a send made while offline in the outbox and sends it after connecting", async () => {
    const chat = client();
    chat.send("offline");
    expect(serverSide.sends).toEqual([]);
    await chat.connected();
    expect(serverSide.sends).toEqual(["c-1"]);
    expect(listener.events).toEqual(["pending c-1", "shown 1 c-1"]);
  });

  it("retries a send whose answer was lost with the same client id, and stores it once", async () => {
    const chat = client();
    await chat.connected();
    serverSide.loseNextAnswer = true;
    chat.send("once");
    await settle();
    expect(timers).toHaveLength(1);
    timers.shift()!();
    await settle();
    expect(serverSide.sends).toEqual(["c-1", "c-1"]);
    expect(serverSide.stored).toHaveLength(1);
    expect(listener.events).toEqual(["pending c-1", "shown 1 c-1"]);
  });

  it("resends after a reconnect with the same client id when the send never reached the server", async () => {
    const chat = client();
    await chat.connected();
    serverSide.failNextSends = [new Error("Cannot send data if the connection is not in the 'Connected' State.")];
    chat.send("later");
    await settle();
    chat.disconnected();
    await chat.connected();
    expect(serverSide.sends).toEqual(["c-1", "c-1"]);
    expect(listener.events).toEqual(["pending c-1", "shown 1 c-1"]);
  });

  it("does not resend what the resume after a reconnect shows as stored", async () => {
    const chat = client();
    await chat.connected();
    serverSide.loseNextAnswer = true;
    chat.send("stored, answer lost");
    await settle();
    chat.disconnected();
    await chat.connected();
    expect(serverSide.sends).toEqual(["c-1"]);
    expect(listener.events).toEqual(["pending c-1", "shown 1 c-1"]);
    expect(new Outbox(store, "outbox").entries()).toEqual([]);
  });

  it("retries internal_error later with the same client id", async () => {
    const chat = client();
    await chat.connected();
    serverSide.failNextSends = [hubError("internal_error")];
    chat.send("again");
    await settle();
    expect(timers).toHaveLength(1);
    timers.shift()!();
    await settle();
    expect(serverSide.sends).toEqual(["c-1", "c-1"]);
    expect(listener.events).toEqual(["pending c-1", "shown 1 c-1"]);
  });

  it("gives up on a send the server refuses for good and reports the code", async () => {
    const chat = client();
    await chat.connected();
    serverSide.failNextSends = [hubError("message_too_long")];
    chat.send("x");
    chat.send("next");
    await settle();
    expect(listener.events).toEqual(["pending c-1", "pending c-2", "rejected c-1 message_too_long", "shown 1 c-2"]);
    expect(new Outbox(store, "outbox").entries()).toEqual([]);
  });

  it("refuses empty and over-long text locally", () => {
    const chat = client();
    expect(chat.send("   ")).toEqual({ queued: false, code: "empty_message" });
    expect(chat.send("x".repeat(4001))).toEqual({ queued: false, code: "message_too_long" });
    expect(listener.events).toEqual([]);
  });

  it("sends queued messages in the order they were written", async () => {
    const chat = client();
    chat.send("first");
    chat.send("second");
    chat.send("third");
    await chat.connected();
    expect(serverSide.stored.map((m) => m.text)).toEqual(["first", "second", "third"]);
  });

  it("restores a previous page's outbox as pending and sends it with the same id", async () => {
    const before = client();
    before.send("written before reload");
    const reloaded = client();
    listener.events.length = 0;
    reloaded.restore();
    await reloaded.connected();
    expect(listener.events).toEqual(["pending c-1", "shown 1 c-1"]);
    expect(serverSide.sends).toEqual(["c-1"]);
  });

  it("resumes on reconnect from the last sequence it showed", async () => {
    const chat = client();
    serverSide.agentSays("one");
    await chat.connected();
    chat.disconnected();
    serverSide.agentSays("two");
    await chat.connected();
    expect(serverSide.resumes).toEqual([0, 1]);
    expect(listener.events).toEqual(["shown 1 agent-1", "shown 2 agent-2"]);
  });

  it("passes each resume's read marks to the listener before its messages", async () => {
    const marked = new MarkRecordingListener();
    serverSide.readByVisitor = 1;
    serverSide.agentSays("one");
    const chat = new ConversationClient(serverSide, marked, { outbox: new Outbox(store, "outbox"), timer: () => () => undefined });
    await chat.connected();
    expect(marked.events).toEqual(["marks 1/0", "shown 1 agent-1"]);
  });
});
