// What the widget does with the public policy's topics and tariffs: a chosen topic is answered or sent into the chat,
// and the contact methods decide whether the preferred-channel choice is offered.

import type { ContactMethod, PublicPolicy, PublicTopic } from "@chat/shared/contracts";

/**
 * What choosing a topic does: a redirected topic is answered in the widget with the policy's ready text; any other
 * starts the visitor's question ("Цены и тарифы: "), for them to go on with in the composer (or the offline form).
 */
export type TopicRoute = { kind: "answer"; text: string } | { kind: "chat"; text: string };

export function routeTopic(topic: PublicTopic): TopicRoute {
  return topic.redirect && topic.redirectMessage ? { kind: "answer", text: topic.redirectMessage } : { kind: "chat", text: `${topic.label}: ` };
}

/** The contact methods some tariff lets a client choose between; the preferred-channel choice is offered only for two or more. */
export function contactChoices(policy: PublicPolicy | null): ContactMethod[] {
  const all = new Set<ContactMethod>((policy?.tariffs ?? []).flatMap((tariff) => tariff.contactBy));
  return (["Phone", "Email"] as const).filter((method) => all.has(method));
}
