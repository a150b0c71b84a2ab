// The visitor's pages as the console shows them: newest first, the way the server keeps them.

import type { PageVisit } from "@chat/shared/contracts";

/**
 * The pages after a live VisitorPageViewed: the visit goes first; the same page as the newest one (a reload, or a visit
 * the details already had) only moves its time, as on the server; the list grows to at most `keep` (or as many as the
 * server sent).
 */
export function withPageVisit(pages: readonly PageVisit[], visit: PageVisit, keep = 20): PageVisit[] {
  const [newest, ...older] = pages;
  if (newest !== undefined && newest.url === visit.url && newest.title === visit.title) {
    return [visit, ...older];
  }
  return [visit, ...pages].slice(0, Math.max(pages.length, keep));
}
