// @vitest-environment happy-dom
import type { ConversationRating } from "@chat/shared/contracts";
import { describe, expect, it } from "vitest";
import { RatingNotices } from "../src/rating-notices";
import { context, conversationId, FakeHub, otherConversationId, testIds, texts } from "./console";

const rating = (score: number, comment: string | null, id = conversationId): ConversationRating => ({
  conversationId: id,
  score,
  comment,
  ratedAt: `2026-11-25T10:0${score}:00+00:00`,
  agentLogin: "m.petrov",
});

function notices(onScreen: string | null = null) {
  let language: "ru" | "en" = "ru";
  const list = document.createElement("ul");
  const alerts: [string, string][] = [];
  const selected: string[] = [];
  const ratings = new RatingNotices(context(new FakeHub(), () => language), list, {
    selected: () => onScreen,
    select: (id) => selected.push(id),
    alert: (title, body) => alerts.push([title, body]),
  });
  return { ratings, list, alerts, selected, english: () => (language = "en") };
}

describe("RatingNotices", () => {
  it("tells a low rating of a conversation not on screen with a line that opens it, and a notification", () => {
    const { ratings, list, alerts, selected } = notices();

    ratings.rated(rating(1, "Долго ждал ответа"));

    expect(texts(testIds(list, "rating-notice"))).toEqual(["Низкая оценка: 1 из 5 — «Долго ждал ответа»"]);
    expect(alerts).toEqual([["Низкая оценка", "1 из 5 — «Долго ждал ответа»"]]);
    testIds(list, "rating-notice")[0]!.click();
    expect(selected).toEqual([conversationId]);
    ratings.opened(conversationId);
    expect(list.children).toHaveLength(0);
  });

  it("keeps quiet about good ratings, the conversation on screen and the same rating heard twice", () => {
    const { ratings, list, alerts } = notices(otherConversationId);

    ratings.rated(rating(3, null));
    ratings.rated(rating(1, null, otherConversationId));
    ratings.rated(rating(2, null));
    ratings.rated(rating(2, null));

    expect(texts(testIds(list, "rating-notice"))).toEqual(["Низкая оценка: 2 из 5"]);
    expect(alerts).toHaveLength(1);
  });

  it("lists the newest first, in the console's language, and forgets them on signing out", () => {
    const { ratings, list, english } = notices();
    ratings.rated(rating(2, null));
    ratings.rated(rating(1, "Slow", otherConversationId));
    english();
    ratings.render();

    expect(texts(testIds(list, "rating-notice"))).toEqual(["Low rating: 1 of 5 — «Slow»", "Low rating: 2 of 5"]);
    ratings.stop();
    expect(list.children).toHaveLength(0);
  });
});
