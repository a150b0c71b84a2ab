// The public policy (GET /api/policy/public, docs/protocol.md): whether the chat is online, the texts to
// show and the topics, with the routing of a chosen topic.

export type ContactMethod = "Phone" | "Email";

export interface PolicyTopic {
  key: string;
  label: string;
  redirect: boolean;
  redirectMessage: string | null;
}

export interface PolicyTariff {
  key: string;
  label: string;
  channels: string[];
  contactBy: ContactMethod[];
}

export interface PublicPolicy {
  online: boolean;
  reason: string;
  nextOpenAt: string | null;
  timeZone: string;
  language: string;
  hours: { open: string; close: string; workingDays: string[] };
  topics: PolicyTopic[];
  tariffs: PolicyTariff[];
  texts: { greeting: string; askIfClient: string; askAccount: string; offline: string; noAnswer: string };
}

/** Reads the policy in the widget's language; null when the server cannot be reached (the widget then stays live). */
export async function fetchPolicy(server: string, language: string, fetcher: typeof fetch): Promise<PublicPolicy | null> {
  try {
    const response = await fetcher(`${server}/api/policy/public?lang=${encodeURIComponent(language)}`, { credentials: "omit" });
    return response.ok ? ((await response.json()) as PublicPolicy) : null;
  } catch {
    return null;
  }
}

/** What choosing a topic does: a redirected topic is answered in the widget, any other goes into the chat. */
export type TopicRoute = { kind: "answer"; text: string } | { kind: "chat"; text: string };

export function routeTopic(topic: PolicyTopic): TopicRoute {
  return topic.redirect && topic.redirectMessage ? { kind: "answer", text: topic.redirectMessage } : { kind: "chat", text: topic.label };
}

/** The contact methods some tariff lets a client choose between; the preferred-channel choice is offered only for two or more. */
export function contactChoices(policy: PublicPolicy | null): ContactMethod[] {
  const all = new Set<ContactMethod>((policy?.tariffs ?? []).flatMap((tariff) => tariff.contactBy));
  return (["Phone", "Email"] as const).filter((method) => all.has(method));
}
