// The DOM helpers of the console's panels: every text is set as text, never as HTML.

import type { Language } from "@chat/shared/error-texts";

export function byId<T extends HTMLElement>(id: string): T {
  const element = document.getElementById(id);
  if (!element) {
    throw new Error(`The console page has no #${id}.`);
  }
  return element as T;
}

export function el<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, className?: string): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  if (text !== undefined) {
    element.textContent = text;
  }
  if (className) {
    element.className = className;
  }
  return element;
}

export function button(text: string, testId: string, onClick: () => void, className = "link-button"): HTMLButtonElement {
  const b = el("button", text, className);
  b.type = "button";
  b.dataset.testid = testId;
  b.addEventListener("click", onClick);
  return b;
}

/**
 * Text someone outside the company wrote (a visitor's name, message or page title): its direction is its own
 * (`dir="auto"`), so right-to-left text cannot reorder the console's words around it.
 */
export function userText<K extends keyof HTMLElementTagNameMap>(tag: K, text: string, className?: string): HTMLElementTagNameMap[K] {
  const element = el(tag, text, className);
  element.dir = "auto";
  return element;
}

/** "0,4" or "1 250", in the console's language. */
export function formatNumber(language: Language, value: number): string {
  return new Intl.NumberFormat(language, { maximumFractionDigits: 1 }).format(value);
}

/** A language's name in the console's language ("русский" for "ru"), or the code when it has none. */
export function languageName(language: Language, code: string): string {
  try {
    return new Intl.DisplayNames(language, { type: "language" }).of(code) ?? code;
  } catch {
    return code;
  }
}

/** "09:05", in the console's language. */
export function timeFormat(language: Language): Intl.DateTimeFormat {
  return new Intl.DateTimeFormat(language, { hour: "2-digit", minute: "2-digit" });
}

/** "25.11, 09:05", in the console's language. */
export function dayTimeFormat(language: Language): Intl.DateTimeFormat {
  return new Intl.DateTimeFormat(language, { day: "2-digit", month: "2-digit", hour: "2-digit", minute: "2-digit" });
}

/** The listeners a panel puts on the page's elements, taken off together when the agent signs out. */
export class Listeners {
  private readonly removals: (() => void)[] = [];

  on<K extends keyof HTMLElementEventMap>(target: HTMLElement, type: K, listener: (event: HTMLElementEventMap[K]) => void, options: { capture?: boolean } = {}): void {
    target.addEventListener(type, listener, options);
    this.removals.push(() => target.removeEventListener(type, listener, options));
  }

  stop(): void {
    for (const remove of this.removals.splice(0)) {
      remove();
    }
  }
}
