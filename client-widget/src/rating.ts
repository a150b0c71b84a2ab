// The rating of a closed conversation (CSAT): shown while the server asks for it (GetRatingState after every (re)connect
// and after a close), five scores, an optional comment and one Rate call; then the thanks. A repeat of the call (a
// retry after the connection dropped, another tab) is answered with the first rating and thanked all the same.

import type { RatingRequest, RatingResult, RatingState } from "@chat/shared/contracts";
import type { ErrorCode } from "@chat/shared/errors";
import { FormView } from "./form-view";
import type { Texts } from "./i18n";

/** The server's default `Chat:Ratings:MaxCommentLength`; a longer comment is refused with its own words. */
const maxCommentLength = 1000;

export class RatingPrompt {
  readonly element: HTMLElement;
  private readonly form: FormView;
  private readonly scores: HTMLFieldSetElement;
  private readonly thanks: HTMLElement;

  constructor(
    doc: Document,
    private readonly texts: Texts,
    errorText: (code: ErrorCode) => string,
    private readonly rate: (request: RatingRequest) => Promise<RatingResult>,
  ) {
    const words = texts.rating;
    this.element = doc.createElement("section");
    this.element.className = "rating";
    this.element.dataset.testid = "chat-rating";
    this.element.setAttribute("aria-label", words.title);
    this.form = new FormView(
      doc,
      "rating",
      [{ name: "comment", label: words.comment, type: "textarea" }],
      texts.send,
      (code) => (code === "invalid_argument" ? words.pickScore : code === "message_too_long" ? words.tooLong : errorText(code)),
      texts.notConnected,
      () => void this.send(),
    );
    // The server refuses a rating in English: the codes' texts speak the visitor's language.
    this.form.serverWords = false;
    const comment = this.form.input("comment") as HTMLTextAreaElement;
    comment.rows = 2;
    comment.maxLength = maxCommentLength;

    this.scores = doc.createElement("fieldset");
    this.scores.className = "rating__scores";
    const legend = doc.createElement("legend");
    legend.className = "rating__title";
    legend.textContent = words.title;
    const row = doc.createElement("div");
    row.className = "rating__row";
    for (let score = 1; score <= 5; score++) {
      const label = doc.createElement("label");
      label.className = "rating__score";
      const input = doc.createElement("input");
      input.type = "radio";
      input.name = "score";
      input.value = String(score);
      input.setAttribute("aria-label", words.score(score));
      input.dataset.testid = `chat-rating-${score}`;
      input.addEventListener("change", () => this.form.showErrors({}));
      const face = doc.createElement("span");
      face.textContent = String(score);
      label.append(input, face);
      row.append(label);
    }
    this.scores.append(legend, row);
    this.form.element.prepend(this.scores);

    this.thanks = doc.createElement("p");
    this.thanks.className = "notice";
    this.thanks.dataset.testid = "chat-rating-thanks";
    this.thanks.setAttribute("role", "status");
    this.element.append(this.form.element, this.thanks);
    this.element.hidden = true;
  }

  /** GetRatingState: asked while the conversation is closed and not rated; the thanks stay once given. */
  restore(state: RatingState): void {
    this.element.hidden = this.thanks.textContent === "" && !state.asked;
  }

  /** The visitor wrote again (the conversation reopens) or started a new conversation: nothing of the prompt stays. */
  reset(): void {
    this.element.hidden = true;
    this.thanks.textContent = "";
    this.form.element.hidden = false;
    this.form.clear();
  }

  private async send(): Promise<void> {
    const score = Number(this.scores.querySelector<HTMLInputElement>("input:checked")?.value ?? 0);
    const comment = this.form.values()["comment"] || null;
    const result = await this.form.run(score > 0 ? {} : { score: "invalid_argument" }, () => this.rate({ score, comment }));
    if (result) {
      this.form.element.hidden = true;
      this.thanks.textContent = this.texts.rating.thanks;
    }
  }
}
