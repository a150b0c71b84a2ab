// Error codes of docs/protocol.md, read out of hub failures and HTTP problem responses.

import type { ErrorCodes } from "./contracts";

/** The codes the clients tell apart, each one the server has (Chat.Contracts.ErrorCodes); any other reads as internal_error. */
export const errorCodes = [
  "empty_message",
  "message_too_long",
  "invalid_argument",
  "conversation_not_found",
  "forbidden",
  "unauthenticated",
  "invalid_token",
  "invalid_credentials",
  "rate_limited",
  "internal_error",
  "account_required",
  "account_too_long",
  "invalid_phone",
  "invalid_email",
  "contact_required",
  "invalid_characters",
  "invalid_window",
  "not_identified",
  "callback_not_allowed",
  "handoff_not_found",
  "staff_not_found",
  "not_assignee",
  "conversation_closed",
  "not_closed",
  "api_key_not_found",
  "webhook_not_found",
  "webhook_url_refused",
] as const satisfies readonly (typeof ErrorCodes)[keyof typeof ErrorCodes][];

export type ErrorCode = (typeof errorCodes)[number];

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === "string" && (errorCodes as readonly string[]).includes(value);
}

const hubMarker = "HubException: ";

/**
 * The code of a hub call the server refused, or null when the call got no answer at all
 * (connection lost, not connected): those are retried after reconnecting.
 * The JavaScript client reports a refusal as "… HubException: code: human text".
 */
export function hubErrorCode(error: unknown): ErrorCode | null {
  const message = error instanceof Error ? error.message : typeof error === "string" ? error : "";
  const at = message.lastIndexOf(hubMarker);
  if (at < 0) {
    return null;
  }
  const rest = message.slice(at + hubMarker.length);
  const colon = rest.indexOf(":");
  const code = colon > 0 ? rest.slice(0, colon).trim() : "";
  return isErrorCode(code) ? code : "internal_error";
}

/** A refused hub call: its code, the server's human text and the code of every failing field. */
export interface HubFailure {
  code: ErrorCode;
  text: string;
  fields: Record<string, ErrorCode>;
}

const fieldsMarker = " [fields: ";

/**
 * Reads "… HubException: code: human text [fields: a=code, b=code]"; null when the call got no answer
 * (see hubErrorCode). Field codes the widget does not know are left out.
 */
export function hubFailure(error: unknown): HubFailure | null {
  const code = hubErrorCode(error);
  if (code === null) {
    return null;
  }
  const message = error instanceof Error ? error.message : String(error);
  const rest = message.slice(message.lastIndexOf(hubMarker) + hubMarker.length);
  let text = rest.slice(rest.indexOf(":") + 1);
  const fields: Record<string, ErrorCode> = {};
  const at = text.lastIndexOf(fieldsMarker);
  if (at >= 0) {
    for (const pair of text.slice(at + fieldsMarker.length).replace(/\]\s*$/, "").split(", ")) {
      const [field, fieldCode] = pair.split("=", 2);
      if (field && isErrorCode(fieldCode)) {
        fields[field] = fieldCode;
      }
    }
    text = text.slice(0, at);
  }
  return { code, text: text.trim(), fields };
}

/** Whether a refused call may succeed later with the same arguments (and the same client id). */
export function isRetryable(code: ErrorCode): boolean {
  return code === "internal_error" || code === "rate_limited" || code === "unauthenticated" || code === "invalid_token";
}

/** An HTTP refusal, carrying the problem response's code. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

/** Turns a non-2xx answer into an ApiError, reading `code` and `title` of its problem body when there is one. */
export async function apiError(response: Response): Promise<ApiError> {
  let body: unknown = null;
  try {
    body = await response.json();
  } catch {
    // Not JSON: the status alone decides the code.
  }
  const problem = typeof body === "object" && body !== null ? (body as { code?: unknown; title?: unknown }) : {};
  const code = isErrorCode(problem.code) ? problem.code : codeForStatus(response.status);
  const title = typeof problem.title === "string" ? problem.title : `HTTP ${response.status}`;
  return new ApiError(response.status, code, title);
}

function codeForStatus(status: number): ErrorCode {
  switch (status) {
    case 400:
      return "invalid_argument";
    case 401:
      return "unauthenticated";
    case 403:
      return "forbidden";
    case 404:
      return "conversation_not_found";
    case 429:
      return "rate_limited";
    default:
      return "internal_error";
  }
}
