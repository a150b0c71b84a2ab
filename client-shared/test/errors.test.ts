import { describe, expect, it } from "vitest";
import { errorText } from "../src/error-texts";
import { apiError, errorCodes, hubErrorCode, isRetryable } from "../src/errors";

describe("hubErrorCode", () => {
  it("reads the code after 'HubException: '", () => {
    const error = new Error("An unexpected error occurred invoking 'SendMessage' on the server. HubException: empty_message: The message is empty.");
    expect(hubErrorCode(error)).toBe("empty_message");
  });

  it("uses the last marker when the human text contains a colon", () => {
    expect(hubErrorCode(new Error("x HubException: message_too_long: The message is longer than 4000 characters: shorten it."))).toBe("message_too_long");
  });

  it("maps an unknown code to internal_error", () => {
    expect(hubErrorCode(new Error("HubException: something_new: text"))).toBe("internal_error");
  });

  it("is null for a failure without a server answer", () => {
    expect(hubErrorCode(new Error("Invocation canceled due to the underlying connection being closed."))).toBeNull();
    expect(hubErrorCode(undefined)).toBeNull();
  });

  it("retries only what may pass later", () => {
    expect(isRetryable("internal_error")).toBe(true);
    expect(isRetryable("rate_limited")).toBe(true);
    expect(isRetryable("empty_message")).toBe(false);
    expect(isRetryable("message_too_long")).toBe(false);
  });
});

describe("apiError", () => {
  it("reads code and title from a problem response", async () => {
    const response = new Response(JSON.stringify({ code: "invalid_credentials", title: "Wrong login or password." }), { status: 401 });
    const error = await apiError(response);
    expect(error.code).toBe("invalid_credentials");
    expect(error.status).toBe(401);
    expect(error.message).toBe("Wrong login or password.");
  });

  it("falls back to the status when the body is not a problem", async () => {
    expect((await apiError(new Response("<html>", { status: 429 }))).code).toBe("rate_limited");
    expect((await apiError(new Response("", { status: 502 }))).code).toBe("internal_error");
  });
});

describe("localisation", () => {
  it("has a Russian and an English text for every code", () => {
    for (const code of errorCodes) {
      expect(errorText("ru", code)).toMatch(/[а-яё]/i);
      expect(errorText("en", code)).toMatch(/^[\x20-\x7e]+$/);
    }
    expect(errorText("ru", "empty_message")).toBe("Сообщение пустое.");
    expect(errorText("en", "message_too_long")).toContain("too long");
  });
});
