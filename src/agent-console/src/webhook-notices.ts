// Administrators only: a webhook subscription the server paused after repeated failed deliveries (WebhookPaused). A line
// above the conversation until it is dismissed, and a notification while the tab is in the background; the events wait
// on the server until the subscription is resumed.

import type { WebhookInfo } from "@chat/shared/contracts";
import type { ConsoleContext } from "./context";
import { button, el } from "./dom";

export class WebhookNotices {
  private readonly paused = new Map<string, WebhookInfo>();

  constructor(
    private readonly context: ConsoleContext,
    private readonly list: HTMLUListElement,
    private readonly alert: (title: string, body: string) => void,
  ) {}

  /** WebhookPaused: told once per pause (a repeat of the same pause changes nothing). */
  pausedNow(webhook: WebhookInfo): void {
    if (this.paused.get(webhook.id)?.pausedAt === webhook.pausedAt) {
      return;
    }
    this.paused.set(webhook.id, webhook);
    this.render();
    const texts = this.context.texts();
    this.alert(texts.webhookPaused, this.line(webhook));
  }

  /** Signed out: nothing of this administrator's notices stays on the page. */
  stop(): void {
    this.paused.clear();
    this.render();
  }

  render(): void {
    const texts = this.context.texts();
    this.list.replaceChildren(
      ...Array.from(this.paused.values())
        .reverse()
        .map((webhook) => {
          const item = el("li", undefined, "webhook-notice");
          item.dataset.webhook = webhook.id;
          item.append(
            el("span", `${texts.webhookPaused}: ${this.line(webhook)}`),
            button(texts.dismiss, "webhook-notice-dismiss", () => {
              this.paused.delete(webhook.id);
              this.render();
            }),
          );
          return item;
        }),
    );
  }

  private line(webhook: WebhookInfo): string {
    const texts = this.context.texts();
    return texts.webhookPausedBecause.replace("{url}", webhook.url).replace("{error}", webhook.lastError ?? "—");
  }
}
