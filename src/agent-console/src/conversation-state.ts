// Whether the agent may still write in and act on the conversation on screen: not once it is closed, nor once another
// agent holds it (after this agent transferred it, or a colleague took it); supervisors and administrators always may.

import type { AgentProfile, ConversationSummary } from "@chat/shared/contracts";
import type { ConsoleTexts } from "./i18n";

export type ConversationState = { kind: "held" } | { kind: "closed" } | { kind: "transferred" | "heldByOther"; to: string };

/**
 * The state after `summary` (the latest line known: undefined before any), given the line and the state before it: a
 * conversation this agent held (or `byMe`: the answer to this agent's own transfer) that another agent now holds was
 * transferred, and stays so while the same line comes again (the push after the transfer's answer, or before it).
 */
export function conversationState(
  summary: ConversationSummary | undefined,
  previous: ConversationSummary | undefined,
  was: ConversationState,
  me: AgentProfile,
  byMe = false,
): ConversationState {
  if (summary?.status === "Closed") {
    return { kind: "closed" };
  }
  const holder = summary?.assignedTo;
  if (!holder || holder === me.login || me.role === "Supervisor" || me.role === "Admin") {
    return { kind: "held" };
  }
  const transferred = byMe || previous?.assignedTo === me.login || (was.kind === "transferred" && was.to === holder);
  return { kind: transferred ? "transferred" : "heldByOther", to: holder };
}

/** The line that says why the conversation is read-only; "" while the agent holds it. */
export function conversationStateText(state: ConversationState, texts: ConsoleTexts, nameOf: (login: string) => string): string {
  switch (state.kind) {
    case "held":
      return "";
    case "closed":
      return texts.closed;
    case "transferred":
      return texts.transferredTo.replace("{name}", nameOf(state.to));
    case "heldByOther":
      return texts.heldBy.replace("{name}", nameOf(state.to));
  }
}
