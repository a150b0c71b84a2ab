// What the visitor's forms check before asking the server (the server checks again and has the last word):
// each check gives the error code of every failing field, named as the server names it.

import type { ErrorCode } from "@chat/shared/errors";

export type FieldErrors = Record<string, ErrorCode>;
export type FormValues = Record<string, string>;

const emailPattern = /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/;

function phoneIsPlausible(phone: string): boolean {
  const digits = phone.replace(/\D/g, "").length;
  return /^\+?[\d\s()-]+$/.test(phone) && digits >= 7 && digits <= 15;
}

function checkContacts(values: FormValues, errors: FieldErrors): void {
  const phone = values["phone"]?.trim() ?? "";
  const email = values["email"]?.trim() ?? "";
  if (phone === "" && email === "") {
    errors["contact"] = "contact_required";
  }
  if (phone !== "" && !phoneIsPlausible(phone)) {
    errors["phone"] = "invalid_phone";
  }
  if (email !== "" && !emailPattern.test(email)) {
    errors["email"] = "invalid_email";
  }
}

/** The offline form: `text`, `email`, `phone`. */
export function checkOffline(values: FormValues, maxLength = 4000): FieldErrors {
  const errors: FieldErrors = {};
  const text = values["text"]?.trim() ?? "";
  if (text === "") {
    errors["text"] = "empty_message";
  } else if (text.length > maxLength) {
    errors["text"] = "message_too_long";
  }
  checkContacts(values, errors);
  return errors;
}

/** The identification form: `accountNameOrId`, `phone`, `email`. */
export function checkIdentify(values: FormValues): FieldErrors {
  const errors: FieldErrors = {};
  const account = values["accountNameOrId"]?.trim() ?? "";
  if (account === "") {
    errors["accountNameOrId"] = "account_required";
  } else if (account.length > 100) {
    errors["accountNameOrId"] = "account_too_long";
  }
  checkContacts(values, errors);
  return errors;
}

/** The call-back form: `phone`, `date`, `from`, `to` (times of day as "HH:MM"). */
export function checkCallBack(values: FormValues): FieldErrors {
  const errors: FieldErrors = {};
  const phone = values["phone"]?.trim() ?? "";
  if (!phoneIsPlausible(phone)) {
    errors["phone"] = "invalid_phone";
  }
  const from = values["from"] ?? "";
  const to = values["to"] ?? "";
  if (!/^\d{4}-\d{2}-\d{2}$/.test(values["date"] ?? "")) {
    errors["date"] = "invalid_window";
  }
  if (!/^\d{2}:\d{2}$/.test(from)) {
    errors["from"] = "invalid_window";
  }
  if (!/^\d{2}:\d{2}$/.test(to) || to <= from) {
    errors["to"] = "invalid_window";
  }
  return errors;
}

export function hasErrors(errors: FieldErrors): boolean {
  return Object.keys(errors).length > 0;
}

/** A wall-clock date and time in an IANA time zone as an ISO instant, e.g. ("2026-11-30", "10:00", "Europe/Moscow") → 07:00Z. */
export function zonedInstant(date: string, time: string, timeZone: string): string {
  const asUtc = Date.parse(`${date}T${time}:00Z`);
  const offset = (at: number) => {
    const parts = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    }).formatToParts(at);
    const part = (type: string) => Number(parts.find((p) => p.type === type)?.value);
    return Date.UTC(part("year"), part("month") - 1, part("day"), part("hour"), part("minute"), part("second")) - at;
  };
  const guess = asUtc - offset(asUtc);
  return new Date(asUtc - offset(guess)).toISOString();
}
