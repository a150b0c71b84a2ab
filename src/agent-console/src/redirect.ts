// The ready redirect (R8, R11): the topics the managers do not answer, from the public policy in the console's
// language, and the question nobody could answer. The server stores the policy's text in the visitor's language.

import type { PublicTopic } from "@chat/shared/contracts";

/** The RedirectConversation topic of a question without an answer: the community and technical support (R11). */
export const noAnswerTopic = "no-answer";

export interface RedirectOption {
  value: string;
  label: string;
}

/** The redirected topics in the policy's order, then the no-answer choice. */
export function redirectOptions(topics: readonly PublicTopic[], noAnswerLabel: string): RedirectOption[] {
  return [...topics.filter((topic) => topic.redirect).map((topic) => ({ value: topic.key, label: topic.label })), { value: noAnswerTopic, label: noAnswerLabel }];
}
