import type { ConversationSummary } from "@chat/shared/contracts";
import { describe, expect, it } from "vitest";
import { conversationState, type ConversationState } from "../src/conversation-state";
import { me, summary } from "./console";

/** The states an open conversation goes through as its lines arrive, starting before any line. */
function states(lines: ConversationSummary[], profile = me): ConversationState[] {
  let previous: ConversationSummary | undefined;
  let state: ConversationState = { kind: "held" };
  return lines.map((line) => {
    state = conversationState(line, previous, state, profile);
    previous = line;
    return state;
  });
}

describe("conversationState", () => {
  it("keeps a transfer said as this agent's while the same line comes again (the answer, then the push)", () => {
    const mine = summary({ assignedTo: "m.petrov" });
    const given = summary({ assignedTo: "m.smirnova" });

    expect(states([mine, given, given])).toEqual([
      { kind: "held" },
      { kind: "transferred", to: "m.smirnova" },
      { kind: "transferred", to: "m.smirnova" },
    ]);
  });

  it("says the answer to this agent's own transfer is a transfer even when the line that gave it to them never came", () => {
    const queued = summary({ assignedTo: null });
    const given = summary({ assignedTo: "m.smirnova" });

    expect(conversationState(given, queued, { kind: "held" }, me, true)).toEqual({ kind: "transferred", to: "m.smirnova" });
    expect(conversationState(given, given, { kind: "transferred", to: "m.smirnova" }, me)).toEqual({ kind: "transferred", to: "m.smirnova" });
  });

  it("says a colleague holds a conversation this agent never held, and a later holder is no transfer of this agent's", () => {
    expect(states([summary({ assignedTo: "m.smirnova" }), summary({ assignedTo: "m.kozlov" })])).toEqual([
      { kind: "heldByOther", to: "m.smirnova" },
      { kind: "heldByOther", to: "m.kozlov" },
    ]);
    expect(states([summary({ assignedTo: "m.petrov" }), summary({ assignedTo: "m.smirnova" }), summary({ assignedTo: "m.kozlov" })])[2])
      .toEqual({ kind: "heldByOther", to: "m.kozlov" });
  });

  it("is closed once closed, and held again when it comes back to the queue or to this agent", () => {
    expect(states([summary({ assignedTo: "m.petrov" }), summary({ assignedTo: "m.smirnova" }), summary({ assignedTo: null }), summary({ status: "Closed" })]))
      .toEqual([{ kind: "held" }, { kind: "transferred", to: "m.smirnova" }, { kind: "held" }, { kind: "closed" }]);
  });

  it("lets supervisors act on whatever anyone holds", () => {
    expect(states([summary({ assignedTo: "m.smirnova" })], { ...me, login: "s.orlov", role: "Supervisor" })).toEqual([{ kind: "held" }]);
  });
});
