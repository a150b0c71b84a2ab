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

  on<K extends keyof HTMLElementEventMap>(target: HTMLElement, type: K, listener: (event: HTMLElementEventMap[K]) => void): void {
    target.addEventListener(type, listener);
    this.removals.push(() => target.removeEventListener(type, listener));
  }

  stop(): void {
    for (const remove of this.removals.splice(0)) {
      remove();
    }
  }
}
