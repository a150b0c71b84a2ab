import { describe, expect, it } from "vitest";
import { backoffDelay, reconnectForever } from "../src/backoff";

describe("backoff", () => {
  it("grows and is capped at 30 s, and reconnecting never gives up", () => {
    expect(backoffDelay(0, () => 0.5)).toBe(1000);
    expect(backoffDelay(3, () => 0.5)).toBe(8000);
    expect(backoffDelay(50, () => 0.5)).toBe(30000);
    expect(reconnectForever.nextRetryDelayInMilliseconds({ previousRetryCount: 0 })).toBe(0);
    expect(reconnectForever.nextRetryDelayInMilliseconds({ previousRetryCount: 10_000 })).toBeLessThanOrEqual(36000);
  });
});
