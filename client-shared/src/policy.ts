// The public policy (GET /api/policy/public, docs/protocol.md): whether the chat is online, the texts to
// show and the topics.

import { PolicyPaths, type PublicPolicy } from "./contracts";

/** Reads the policy in the given language; null when the server cannot be reached (the widget then stays live). */
export async function fetchPolicy(server: string, language: string, fetcher: typeof fetch): Promise<PublicPolicy | null> {
  try {
    const response = await fetcher(`${server}${PolicyPaths.public}?lang=${encodeURIComponent(language)}`, { credentials: "omit" });
    return response.ok ? ((await response.json()) as PublicPolicy) : null;
  } catch {
    return null;
  }
}
