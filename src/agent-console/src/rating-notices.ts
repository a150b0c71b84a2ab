// A low rating of a conversation that is not on screen (supervisors hear every one at or below the server's
// Chat:Ratings:NotifySupervisorsAtOrBelow): a line above the conversation that opens it, and a notification while the
// tab is in the background. Opening the conversation takes its line away.

import type { ConversationRating } from "@chat/shared/contracts";
import type { ConsoleContext } from "./context";
import { button, el } from "./dom";
import { ratingText } from "./visitor-details";

/** The scores told as low: the server's default for supervisors, so a rating followed for another reason is told alike. */
export const lowScore = 2;

export interface RatingNoticesHost {
  /** The conversation on screen, or null. */
  selected(): string | null;
  select(conversationId: string): void;
  alert(title: string, body: string): void;
}

export class RatingNotices {
  private readonly ratings = new Map<string, ConversationRating>();

  constructor(
    private readonly context: ConsoleContext,
    private readonly list: HTMLUListElement,
    private readonly host: RatingNoticesHost,
  ) {}

  /** ConversationRated: a low score of a conversation not on screen is told once (a supervisor following it hears it twice). */
  rated(rating: ConversationRating): void {
    if (rating.score > lowScore || rating.conversationId === this.host.selected() || this.ratings.get(rating.conversationId)?.ratedAt === rating.ratedAt) {
      return;
    }
    this.ratings.set(rating.conversationId, rating);
    this.render();
    const texts = this.context.texts();
    this.host.alert(texts.lowRating, ratingText(rating, texts.ratingScore));
  }

  /** The conversation is on screen now: its line has done its work. */
  opened(conversationId: string): void {
    if (this.ratings.delete(conversationId)) {
      this.render();
    }
  }

  /** Signed out: nothing of this agent's notices stays on the page. */
  stop(): void {
    this.ratings.clear();
    this.render();
  }

  /** Newest first. */
  render(): void {
    const texts = this.context.texts();
    this.list.replaceChildren(
      ...Array.from(this.ratings.values())
        .reverse()
        .map((rating) => {
          const item = el("li");
          const open = button(`${texts.lowRating}: ${ratingText(rating, texts.ratingScore)}`, "rating-notice", () => this.host.select(rating.conversationId), "rating-notice");
          open.dataset.score = String(rating.score);
          item.append(open);
          return item;
        }),
    );
  }
}
