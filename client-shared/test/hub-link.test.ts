import { describe, expect, it } from "vitest";
import { HubLink, type HubLike, type LinkState } from "../src/hub-link";
import { settle } from "./helpers";

/** A hub whose start fails a given number of times; tests fire its callbacks by hand. */
class FakeHub implements HubLike {
  starts = 0;
  reconnecting: Array<() => void> = [];
  reconnected: Array<() => void> = [];
  closed: Array<() => void> = [];
  constructor(private failures: number) {}
  async start() {
    this.starts++;
    if (this.failures-- > 0) {
      throw new Error("Failed to complete negotiation with the server");
    }
  }
  async stop() {
    this.closed.forEach((c) => c());
  }
  onreconnecting(callback: () => void) {
    this.reconnecting.push(callback);
  }
  onreconnected(callback: () => void) {
    this.reconnected.push(callback);
  }
  onclose(callback: () => void) {
    this.closed.push(callback);
  }
}

function linkFor(hub: FakeHub) {
  const states: LinkState[] = [];
  let connects = 0;
  let drops = 0;
  const link = new HubLink(hub, { state: (s) => states.push(s), connected: () => void connects++, disconnected: () => void drops++ }, () => 0);
  return { link, states, counts: () => ({ connects, drops }) };
}

describe("HubLink", () => {
  it("retries a failed first start until it connects, then reports the connection", async () => {
    const hub = new FakeHub(2);
    const { link, states, counts } = linkFor(hub);
    link.start();
    await new Promise((r) => setTimeout(r, 10));
    expect(hub.starts).toBe(3);
    expect(states).toEqual(["connecting", "reconnecting", "reconnecting", "connected"]);
    expect(counts().connects).toBe(1);
  });

  it("reports drops and reconnects so the conversation can resume", async () => {
    const hub = new FakeHub(0);
    const { link, states, counts } = linkFor(hub);
    link.start();
    await settle();
    hub.reconnecting.forEach((c) => c());
    hub.reconnected.forEach((c) => c());
    expect(states.slice(-2)).toEqual(["reconnecting", "connected"]);
    expect(counts()).toEqual({ connects: 2, drops: 1 });
  });

  it("starts again after a close while it is wanted, and not after stop()", async () => {
    const hub = new FakeHub(0);
    const { link, states } = linkFor(hub);
    link.start();
    await settle();
    hub.closed.forEach((c) => c());
    await settle();
    expect(hub.starts).toBe(2);
    await link.stop();
    expect(states.at(-1)).toBe("idle");
    expect(hub.starts).toBe(2);
  });
});
