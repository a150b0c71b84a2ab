import { describe, expect, it } from "vitest";
import { linkedHandoff } from "../src/links";

describe("linkedHandoff", () => {
  it("reads the handoff id of a deep link", () => {
    expect(linkedHandoff("#handoff=0193a2b4-5c6d-7e8f-9a0b-1c2d3e4f5a6b")).toBe("0193a2b4-5c6d-7e8f-9a0b-1c2d3e4f5a6b");
    expect(linkedHandoff("#handoff=0193A2B45C6D7E8F9A0B1C2D3E4F5A6B")).toBe("0193A2B45C6D7E8F9A0B1C2D3E4F5A6B");
  });

  it("tells an address without a link from a malformed one", () => {
    expect(linkedHandoff("")).toBeNull();
    expect(linkedHandoff("#inbox")).toBeNull();
    expect(linkedHandoff("#handoff=")).toBe("");
    expect(linkedHandoff("#handoff=%E0%A4%A")).toBe("");
    expect(linkedHandoff("#handoff=0193a2b4-5c6d-7e8f-9a0b-1c2d3e4f5a6b%22%3E%3Cscript%3E")).toBe("");
  });
});
