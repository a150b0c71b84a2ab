// The public policy (GET /api/policy/public, docs/protocol.md): whether the chat is online, the texts to
// show and the topics.

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
