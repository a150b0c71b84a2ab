// Deep links into the console: `/console/#handoff=<id>` opens that handoff.

/** The handoff id of a `#handoff=<id>` deep link, "" for a malformed one, null when the address has none. */
export function linkedHandoff(hash: string): string | null {
  const match = /^#handoff=(.*)$/.exec(hash);
  if (!match) {
    return null;
  }
  let id: string;
  try {
    id = decodeURIComponent(match[1]!);
  } catch {
    return "";
  }
  return /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i.test(id) ? id : "";
}
