import { describe, expect, it } from "vitest";
import { newClientMessageId } from "../src/ids";

describe("newClientMessageId", () => {
  it("uses randomUUID where there is one and makes a version 4 UUID elsewhere", () => {
    expect(newClientMessageId({ randomUUID: () => "x", getRandomValues: (a) => a })).toBe("x");
    const id = newClientMessageId({ getRandomValues: (a) => a.fill(0xff) });
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
