// A refusal in words: the console's error paragraphs (role="alert") under the details and under the reply box.

import { errorText, type Language } from "@chat/shared/error-texts";
import { ApiError, hubErrorCode, type ErrorCode } from "@chat/shared/errors";

/** The code of a failed hub call or HTTP request; a call that got no answer reads as internal_error. */
export function failureCode(error: unknown): ErrorCode {
  return error instanceof ApiError ? error.code : (hubErrorCode(error) ?? "internal_error");
}

export class ErrorLine {
  constructor(
    private readonly element: HTMLElement,
    private readonly language: () => Language,
  ) {}

  clear(): void {
    this.element.textContent = "";
  }

  show(code: ErrorCode): void {
    this.element.textContent = errorText(this.language(), code);
  }

  failed(error: unknown): void {
    this.show(failureCode(error));
  }

  /** Runs a call; a refusal is shown here and goes no further. */
  async run(action: () => Promise<unknown>): Promise<void> {
    try {
      await action();
    } catch (error) {
      this.failed(error);
    }
  }
}
