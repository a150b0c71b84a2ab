// How the reports write their figures: minutes and shares in the console's language ("4,5 мин", "50 %"), the days of the
// period as calendar days and the moments of a request in the policy's time zone.

import type { Language } from "@chat/shared/error-texts";

/** The unit of the minutes, as the console's language shortens it. */
export const minuteUnit: Record<Language, string> = { ru: "мин", en: "min" };

/** What stands where nothing was measured. */
export const none = "—";

/** A number as the console's language writes it, with at most one decimal ("4,5"). */
export function decimal(language: Language, value: number): string {
  return new Intl.NumberFormat(language, { maximumFractionDigits: 1, useGrouping: false }).format(value);
}

/** "4,5 мин", or a dash when nothing was measured. */
export function minutes(language: Language, value: number | null): string {
  return value === null ? none : `${decimal(language, value)} ${minuteUnit[language]}`;
}

/** A share of 0..1 as a percent ("66,7 %"), or a dash when there is nothing to share. */
export function percent(language: Language, share: number | null): string {
  return share === null ? none : new Intl.NumberFormat(language, { style: "percent", maximumFractionDigits: 1 }).format(share);
}

/** A calendar day "2026-11-23" as "пн, 23.11". */
export function day(language: Language, isoDay: string): string {
  return new Intl.DateTimeFormat(language, { weekday: "short", day: "2-digit", month: "2-digit", timeZone: "UTC" }).format(new Date(`${isoDay}T00:00:00Z`));
}

/** A moment as "24.11, 20:00" in `timeZone`. */
export function moment(language: Language, timeZone: string, value: string): string {
  return new Intl.DateTimeFormat(language, { day: "2-digit", month: "2-digit", hour: "2-digit", minute: "2-digit", timeZone }).format(new Date(value));
}

/** The calendar day ("2026-11-23") `at` falls on in `timeZone`. */
export function isoDayIn(timeZone: string, at: Date): string {
  return new Intl.DateTimeFormat("en-CA", { year: "numeric", month: "2-digit", day: "2-digit", timeZone }).format(at);
}

/** A calendar day `days` after `isoDay`. */
export function addDays(isoDay: string, days: number): string {
  const date = new Date(`${isoDay}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** The Monday and the Sunday of the week `at` falls in, in `timeZone`. */
export function weekOf(timeZone: string, at: Date): { from: string; to: string } {
  const today = isoDayIn(timeZone, at);
  const weekday = (new Date(`${today}T00:00:00Z`).getUTCDay() + 6) % 7;
  const from = addDays(today, -weekday);
  return { from, to: addDays(from, 6) };
}
