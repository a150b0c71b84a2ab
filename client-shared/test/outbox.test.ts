import { describe, expect, it } from "vitest";
import { Outbox } from "../src/outbox";
import { memoryStore } from "../src/storage";

const entry = (id: string) => ({ clientMessageId: id, text: `text ${id}`, createdAt: "2026-11-25T09:00:00.000Z" });

describe("Outbox", () => {
  it("survives a reload: a new Outbox over the same store has the entries, in order", () => {
    const store = memoryStore();
    const first = new Outbox(store, "k");
    first.add(entry("a"));
    first.add(entry("b"));
    expect(new Outbox(store, "k").entries().map((e) => e.clientMessageId)).toEqual(["a", "b"]);
  });

  it("does not lose another tab's entry when removing its own", () => {
    const store = memoryStore();
    const tabA = new Outbox(store, "k");
    const tabB = new Outbox(store, "k");
    tabA.add(entry("a"));
    tabB.add(entry("b"));
    expect(tabA.remove("a")).toBe(true);
    expect(tabB.entries().map((e) => e.clientMessageId)).toEqual(["b"]);
  });

  it("matches client ids case-insensitively and keeps one entry per id", () => {
    const outbox = new Outbox(memoryStore(), "k");
    outbox.add(entry("ABC"));
    outbox.add(entry("abc"));
    expect(outbox.entries()).toHaveLength(1);
    expect(outbox.has("Abc")).toBe(true);
  });

  it("ignores a corrupt store", () => {
    const store = memoryStore();
    store.setItem("k", "{not json");
    expect(new Outbox(store, "k").entries()).toEqual([]);
    store.setItem("k", JSON.stringify([{ clientMessageId: 1 }, entry("ok")]));
    expect(new Outbox(store, "k").entries().map((e) => e.clientMessageId)).toEqual(["ok"]);
  });
});
