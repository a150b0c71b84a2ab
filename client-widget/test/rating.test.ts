// @vitest-environment happy-dom
import type { ConversationRating, RatingRequest, RatingResult } from "@chat/shared/contracts";
import { errorText } from "@chat/shared/error-texts";
import { conversationId, hubError, settle } from "@chat/shared/testing";
import { beforeEach, describe, expect, it } from "vitest";
import { texts } from "../src/i18n";
import { RatingPrompt } from "../src/rating";

const rating = (request: RatingRequest): ConversationRating => ({ conversationId, ...request, ratedAt: "2026-12-03T17:00:00+00:00", agentLogin: "m.petrov" });

describe("RatingPrompt", () => {
  let requests: RatingRequest[];
  let answer: (request: RatingRequest) => Promise<RatingResult>;
  let prompt: RatingPrompt;

  const byTestId = <T extends HTMLElement = HTMLElement>(id: string) => prompt.element.querySelector<T>(`[data-testid="${id}"]`)!;
  const pick = (score: number) => byTestId<HTMLInputElement>(`chat-rating-${score}`).click();
  const submit = () => byTestId<HTMLButtonElement>("chat-rating-submit").click();
  /** The prompt asked for, a score picked and sent, and the answer awaited. */
  const rate = async (score: number) => {
    prompt.restore({ asked: true, rating: null });
    pick(score);
    submit();
    await settle();
  };

  beforeEach(() => {
    requests = [];
    answer = async (request) => ({ rating: rating(request), duplicate: false });
    prompt = new RatingPrompt(document, texts("ru"), (code) => errorText("ru", code), (request) => {
      requests.push(request);
      return answer(request);
    });
    document.body.replaceChildren(prompt.element);
  });

  it("is hidden until the server asks for a rating, then offers five labelled scores and an optional comment", () => {
    expect(prompt.element.hidden).toBe(true);
    prompt.restore({ asked: false, rating: null });
    expect(prompt.element.hidden).toBe(true);

    prompt.restore({ asked: true, rating: null });

    expect(prompt.element.hidden).toBe(false);
    expect(prompt.element.querySelector("legend")!.textContent).toBe("Оцените, пожалуйста, разговор");
    const scores = Array.from(prompt.element.querySelectorAll<HTMLInputElement>("input[type=radio]"));
    expect(scores.map((input) => [input.value, input.getAttribute("aria-label")])).toEqual([1, 2, 3, 4, 5].map((score) => [String(score), `Оценка ${score} из 5`]));
    expect(prompt.element.querySelector(`label[for="chat-rating-comment"]`)!.textContent).toBe("Комментарий (необязательно)");
    expect(byTestId("chat-rating-submit").textContent).toBe("Отправить");
  });

  it("sends the score and the comment once, however often the button is clicked, and thanks the visitor", async () => {
    let release!: () => void;
    answer = (request) => new Promise((resolve) => (release = () => resolve({ rating: rating(request), duplicate: false })));
    prompt.restore({ asked: true, rating: null });
    pick(4);
    byTestId<HTMLTextAreaElement>("chat-rating-comment").value = "  Быстро помогли  ";

    submit();
    submit();
    expect(byTestId<HTMLButtonElement>("chat-rating-submit").disabled).toBe(true);
    release();
    await settle();

    expect(requests).toEqual([{ score: 4, comment: "Быстро помогли" }]);
    expect(byTestId("chat-rating-form").hidden).toBe(true);
    expect(byTestId("chat-rating-thanks").textContent).toBe("Спасибо за оценку!");
    prompt.restore({ asked: false, rating: rating({ score: 4, comment: "Быстро помогли" }) });
    expect(prompt.element.hidden).toBe(false);
  });

  it("asks for a score before sending, and sends no comment when none is written", async () => {
    prompt.restore({ asked: true, rating: null });
    submit();
    await settle();
    expect(requests).toEqual([]);
    expect(byTestId("chat-rating-alert").textContent).toBe("Выберите оценку от 1 до 5.");

    pick(2);
    expect(byTestId("chat-rating-alert").textContent).toBe("");
    submit();
    await settle();
    expect(requests).toEqual([{ score: 2, comment: null }]);
  });

  it("after a call without an answer the same rating is sent again, and the server's duplicate is thanked too", async () => {
    answer = () => Promise.reject(new Error("Invocation canceled due to the underlying connection being closed."));
    await rate(5);
    expect(byTestId("chat-rating-alert").textContent).toBe("Нет связи с сервером, попробуйте ещё раз.");
    expect(byTestId<HTMLButtonElement>("chat-rating-submit").disabled).toBe(false);

    answer = async (request) => ({ rating: rating(request), duplicate: true });
    submit();
    await settle();

    expect(requests).toEqual([{ score: 5, comment: null }, { score: 5, comment: null }]);
    expect(byTestId("chat-rating-thanks").textContent).toBe("Спасибо за оценку!");
  });

  it("shows the server's refusals in Russian beside the comment or above the button", async () => {
    answer = () => Promise.reject(new Error("HubException: message_too_long: The comment is longer than 1000 characters. [fields: comment=message_too_long]"));
    await rate(3);
    expect(byTestId("chat-rating-comment-error").textContent).toBe("Комментарий слишком длинный, сократите его.");
    expect(byTestId("chat-rating-comment").getAttribute("aria-invalid")).toBe("true");

    answer = () => Promise.reject(hubError("not_closed"));
    submit();
    await settle();
    expect(byTestId("chat-rating-comment-error").textContent).toBe("");
    expect(byTestId("chat-rating-alert").textContent).toBe("Оценить можно только завершённый диалог.");
  });

  it("is dropped with a new conversation, the thanks included, and asked for afresh", async () => {
    await rate(1);

    prompt.reset();
    expect(prompt.element.hidden).toBe(true);
    prompt.restore({ asked: false, rating: null });
    expect(prompt.element.hidden).toBe(true);
    prompt.restore({ asked: true, rating: null });
    expect(byTestId("chat-rating-form").hidden).toBe(false);
    expect(byTestId("chat-rating-thanks").textContent).toBe("");
    expect(prompt.element.querySelector("input:checked")).toBeNull();
  });

  it("speaks English to an English visitor", () => {
    const english = new RatingPrompt(document, texts("en"), (code) => errorText("en", code), () => Promise.reject(new Error("not used")));
    expect(english.element.querySelector("legend")!.textContent).toBe("Please rate the conversation");
    expect(english.element.querySelector("input")!.getAttribute("aria-label")).toBe("Rating 1 of 5");
  });
});
