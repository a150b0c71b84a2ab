// Reads the embedding <script> tag: data-server, data-lang, data-color, data-position, data-debug.

import type { Language } from "@chat/shared/error-texts";
import { pickLanguage } from "./i18n";

export interface WidgetConfig {
  server: string;
  language: Language;
  color: string;
  position: "left" | "right";
  debug: boolean;
}

export const defaultColor = "#0b63ce";

export interface ScriptInfo {
  attribute(name: string): string | null;
  src: string | null;
}

/** The configuration, with `data-server` defaulting to the script's own origin (then the page's). */
export function readConfig(script: ScriptInfo | null, pageUrl: string, browserLanguages: readonly string[]): WidgetConfig {
  const attribute = (name: string) => script?.attribute(name) ?? null;
  return {
    server: origin(attribute("data-server")) ?? origin(script?.src ?? null) ?? new URL(pageUrl).origin,
    language: pickLanguage(attribute("data-lang"), browserLanguages),
    color: hexColor(attribute("data-color")) ?? defaultColor,
    position: attribute("data-position")?.trim().toLowerCase() === "left" ? "left" : "right",
    debug: attribute("data-debug") !== null,
  };
}

function origin(url: string | null): string | null {
  if (!url) {
    return null;
  }
  try {
    const parsed = new URL(url);
    return parsed.protocol === "http:" || parsed.protocol === "https:" ? parsed.origin : null;
  } catch {
    return null;
  }
}

/** Only #rgb or #rrggbb: the value goes into CSS, so nothing else is let through. */
export function hexColor(value: string | null): string | null {
  const trimmed = value?.trim() ?? "";
  return /^#(?:[0-9a-f]{3}|[0-9a-f]{6})$/i.test(trimmed) ? trimmed.toLowerCase() : null;
}

/** Black or white, whichever reads better on the given #rgb/#rrggbb background. */
export function textColorOn(background: string): string {
  const hex = background.length === 4 ? background.replace(/[0-9a-f]/gi, (c) => c + c).slice(1) : background.slice(1);
  const [r, g, b] = [0, 2, 4].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  const luminance = 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
  return luminance > 0.45 ? "#111111" : "#ffffff";
}
