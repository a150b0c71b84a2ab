// Splits message text into plain text and http(s) links. Nothing here produces markup: the view
// turns text segments into text nodes and link segments into anchors whose href passed `safeHref`.

export type Segment = { kind: "text"; text: string } | { kind: "link"; text: string; href: string };

const candidate = /\bhttps?:\/\/[^\s<>"'`]+/gi;
const trailing = /[.,;:!?'"»›)\]}]$/;

/** The URL as an href when it is an absolute http or https URL; null otherwise. */
export function safeHref(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  return parsed.protocol === "http:" || parsed.protocol === "https:" ? parsed.href : null;
}

export function linkify(text: string): Segment[] {
  const segments: Segment[] = [];
  let plainFrom = 0;
  for (const match of text.matchAll(candidate)) {
    const start = match.index ?? 0;
    const url = trimTrailing(match[0]);
    const href = safeHref(url);
    if (href === null) {
      continue;
    }
    if (start > plainFrom) {
      segments.push({ kind: "text", text: text.slice(plainFrom, start) });
    }
    segments.push({ kind: "link", text: url, href });
    plainFrom = start + url.length;
  }
  if (plainFrom < text.length) {
    segments.push({ kind: "text", text: text.slice(plainFrom) });
  }
  return segments;
}

/** Drops sentence punctuation after a URL, keeping a closing bracket that closes one inside it. */
function trimTrailing(url: string): string {
  let result = url;
  while (trailing.test(result)) {
    const last = result[result.length - 1]!;
    const open = last === ")" ? "(" : last === "]" ? "[" : last === "}" ? "{" : null;
    if (open !== null && count(result, open) >= count(result, last)) {
      break;
    }
    result = result.slice(0, -1);
  }
  return result;
}

function count(text: string, char: string): number {
  return text.split(char).length - 1;
}

/** Appends the text to `parent` as text nodes and safe anchors. */
export function appendRichText(parent: Node, text: string, doc: Document): void {
  for (const segment of linkify(text)) {
    if (segment.kind === "text") {
      parent.appendChild(doc.createTextNode(segment.text));
    } else {
      const link = doc.createElement("a");
      link.href = segment.href;
      link.textContent = segment.text;
      link.target = "_blank";
      link.rel = "noopener noreferrer nofollow";
      parent.appendChild(link);
    }
  }
}
