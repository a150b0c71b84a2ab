// The visitor of the conversation on screen: name, language, when they started, whether they are on the site, and the
// pages they visited, newest first and live (origin and path only; links never opener-linked).

import type { ConversationRating, PageVisit, VisitorDetails, VisitorPresence } from "@chat/shared/contracts";
import { safeHref } from "@chat/shared/linkify";
import type { ConsoleContext } from "./context";
import { dayTimeFormat, el, languageName, userText } from "./dom";
import type { ErrorLine } from "./error-line";
import { ShownConversation } from "./shown-conversation";
import { withPageVisit } from "./visitor-pages";

export class VisitorDetailsPanel {
  private readonly details: ShownConversation<VisitorDetails | null>;

  constructor(
    private readonly context: ConsoleContext,
    private readonly panel: HTMLElement,
    errors: ErrorLine,
  ) {
    this.details = new ShownConversation<VisitorDetails | null>((id) => context.hub.invoke("GetVisitorDetails", id), null, errors, () => this.render());
  }

  show(conversationId: string | null): Promise<void> {
    return this.details.show(conversationId);
  }

  /** VisitorPageViewed: a page the visitor on screen opened. */
  pageViewed(visit: PageVisit): void {
    const details = this.details.value;
    if (details?.conversationId === visit.conversationId) {
      this.details.set({ ...details, pages: withPageVisit(details.pages, visit) });
    }
  }

  /** ConversationRated: the visitor on screen rated the conversation. */
  rated(rating: ConversationRating): void {
    const details = this.details.value;
    if (details?.conversationId === rating.conversationId) {
      this.details.set({ ...details, rating });
    }
  }

  /** VisitorPresenceChanged: the visitor on screen came to the site or left it. */
  presenceChanged(presence: VisitorPresence): void {
    const details = this.details.value;
    if (details?.conversationId === presence.conversationId && details.online !== presence.online) {
      this.details.set({ ...details, online: presence.online });
    }
  }

  render(): void {
    const texts = this.context.texts();
    const details = this.details.value;
    this.panel.hidden = !details;
    if (!details) {
      this.panel.replaceChildren();
      return;
    }
    const format = dayTimeFormat(this.context.language());
    const list = el("dl");
    list.append(
      el("dt", texts.visitorName),
      userText("dd", details.visitorName || texts.visitor),
      el("dt", texts.language),
      el("dd", languageName(this.context.language(), details.language)),
      el("dt", texts.started),
      el("dd", format.format(new Date(details.startedAt))),
    );
    // A client who wrote by e-mail is not on the site: their address instead of the site's presence and pages.
    if (details.email !== null) {
      const email = userText("dd", details.email);
      email.dataset.testid = "visitor-email";
      list.append(el("dt", texts.email), email);
    } else {
      const online = el("dd", details.online ? texts.yes : texts.no);
      online.dataset.testid = "visitor-online";
      list.append(el("dt", texts.online), online);
    }
    if (details.rating) {
      const rating = el("dd", ratingText(details.rating, texts.ratingScore));
      rating.dataset.testid = "visitor-rating";
      rating.dataset.score = String(details.rating.score);
      list.append(el("dt", texts.rating), rating);
    }
    const children: HTMLElement[] = [el("h3", texts.visitorDetails), list];
    if (details.email === null) {
      const pages = el("ul", undefined, "pages");
      pages.dataset.testid = "visited-pages";
      pages.append(...details.pages.map((visit) => visitedPage(visit, format)));
      children.push(el("h4", texts.pagesVisited), pages);
      if (details.pages.length === 0) {
        children.push(el("p", texts.noPages, "muted"));
      }
    }
    this.panel.replaceChildren(...children);
  }
}

/** "4 из 5 — «comment»": the score in the texts' words, the comment as the visitor wrote it. */
export function ratingText(rating: ConversationRating, score: string): string {
  const stars = score.replace("{score}", String(rating.score));
  return rating.comment ? `${stars} — «${rating.comment}»` : stars;
}

/** One visited page: an anchor only for an http(s) address, never opener-linked; the title and address are text. */
function visitedPage(visit: PageVisit, format: Intl.DateTimeFormat): HTMLLIElement {
  const item = el("li");
  item.dataset.testid = "visited-page";
  const href = safeHref(visit.url);
  const label = visit.title || visit.url;
  if (href) {
    const link = userText("a", label);
    link.href = href;
    link.target = "_blank";
    link.rel = "noopener noreferrer";
    link.title = visit.url;
    item.append(link);
  } else {
    item.append(userText("span", label));
  }
  const when = el("time", format.format(new Date(visit.viewedAt)), "muted");
  when.dateTime = visit.viewedAt;
  item.append(" ", when);
  if (visit.title) {
    item.append(el("div", visit.url, "page-url"));
  }
  return item;
}
