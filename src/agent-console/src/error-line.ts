// A refusal in words: the console's error paragraphs (role="alert") under the details and under the reply box. An error
// stays until the agent does something that works: a call that began after it was shown and succeeds clears it.

import { errorText, type Language } from "@chat/shared/error-texts";
import { ApiError, hubErrorCode, type ErrorCode } from "@chat/shared/errors";

/** The code of a failed hub call or HTTP request; a call that got no answer reads as internal_error. */
export function failureCode(error: unknown): ErrorCode {
  return error instanceof ApiError ? error.code : (hubErrorCode(error) ?? "internal_error");
}

export class ErrorLine {
  /** Counts the starts of calls and the errors shown, so a success clears only an error older than its call. */
  private clock = 0;
  private shownAt: number | null = null;

  constructor(
    private readonly element: HTMLElement,
    private readonly language: () => Language,
  ) {}

  clear(): void {
    this.shownAt = null;
    this.element.textContent = "";
  }

  show(code: ErrorCode): void {
    this.say(errorText(this.language(), code));
  }

  /** Shows a text of the console's own (a refusal said more precisely than its code says it). */
  say(text: string): void {
    this.shownAt = ++this.clock;
    this.element.textContent = text;
  }

  failed(error: unknown): void {
    this.show(failureCode(error));
  }

  /** Runs a call; a refusal is shown here and goes no further, a success clears what was shown before it began. */
  async run(action: () => Promise<unknown>, refused: (error: unknown) => void = (error) => this.failed(error)): Promise<void> {
    const started = ++this.clock;
    try {
      await action();
    } catch (error) {
      refused(error);
      return;
    }
    if (this.shownAt !== null && this.shownAt < started) {
      this.clear();
    }
  }
}
