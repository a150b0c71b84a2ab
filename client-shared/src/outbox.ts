// Sends not yet acknowledged by the server, kept in a store so a reload loses none of them.
// Every operation reads the store afresh, so several tabs sharing it never overwrite each other's entries.

import { sameId } from "./ids";
import { readJson, type KeyValueStore } from "./storage";

export interface OutboxEntry {
  clientMessageId: string;
  text: string;
  createdAt: string;
}

export class Outbox {
  constructor(
    private readonly store: KeyValueStore,
    private readonly key: string,
  ) {}

  entries(): OutboxEntry[] {
    const value = readJson(this.store, this.key);
    return Array.isArray(value) ? value.filter(isEntry) : [];
  }

  first(): OutboxEntry | undefined {
    return this.entries()[0];
  }

  has(clientMessageId: string): boolean {
    return this.entries().some((e) => sameId(e.clientMessageId, clientMessageId));
  }

  add(entry: OutboxEntry): void {
    this.save([...this.entries().filter((e) => !sameId(e.clientMessageId, entry.clientMessageId)), entry]);
  }

  /** Removes the entry; true when it was there. */
  remove(clientMessageId: string): boolean {
    const entries = this.entries();
    const kept = entries.filter((e) => !sameId(e.clientMessageId, clientMessageId));
    if (kept.length === entries.length) {
      return false;
    }
    this.save(kept);
    return true;
  }

  private save(entries: OutboxEntry[]): void {
    if (entries.length === 0) {
      this.store.removeItem(this.key);
    } else {
      this.store.setItem(this.key, JSON.stringify(entries));
    }
  }
}

function isEntry(value: unknown): value is OutboxEntry {
  if (typeof value !== "object" || value === null) {
    return false;
  }
  const entry = value as Record<string, unknown>;
  return typeof entry.clientMessageId === "string" && typeof entry.text === "string" && typeof entry.createdAt === "string";
}
