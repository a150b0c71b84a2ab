// The administration view (Admin role only; the server refuses everyone else): API keys and webhook subscriptions with
// their deliveries. A secret is in the answer to its creation and never again, so it is shown once, with a copy button.
// A subscription the server paused after repeated failures (WebhookPaused) is told by a line that opens this view.

import { ApiScopes, WebhookEvents, type ApiKeyInfo, type WebhookDeliveryInfo, type WebhookInfo } from "@chat/shared/contracts";
import type { AdminApi } from "./admin-api";
import type { ConsoleContext } from "./context";
import { button, dayTimeFormat, el, Listeners } from "./dom";
import { ErrorLine, failureCode } from "./error-line";
import type { ConsoleTexts } from "./i18n";

export const adminRole = "Admin";

export interface AdminElements {
  toggle: HTMLButtonElement;
  view: HTMLElement;
  workspace: HTMLElement;
  notices: HTMLUListElement;
  keyForm: HTMLFormElement;
  keyScopes: HTMLElement;
  keyError: HTMLElement;
  keySecret: HTMLElement;
  keyList: HTMLElement;
  hookForm: HTMLFormElement;
  hookEvents: HTMLElement;
  hookError: HTMLElement;
  hookSecret: HTMLElement;
  hookList: HTMLElement;
  deliveries: HTMLElement;
}

export interface AdminHost {
  alert(title: string, body: string): void;
  confirm(question: string): boolean;
  /** The view opens: another view that replaces the conversations closes. */
  opening(): void;
}

/** Checkboxes named `name`, one per value (technical identifiers, shown as they are). */
function checkboxes(container: HTMLElement, name: string, testId: string, values: readonly string[]): void {
  container.querySelectorAll("label").forEach((label) => label.remove());
  for (const value of values) {
    const label = el("label", undefined, "check");
    const box = el("input");
    box.type = "checkbox";
    box.name = name;
    box.value = value;
    box.dataset.testid = testId;
    label.append(box, el("code", value));
    container.append(label);
  }
}

function checked(form: HTMLFormElement, name: string): string[] {
  return new FormData(form).getAll(name).map(String);
}

/** A table of `items`, a row each (marked `testId`), or the muted `empty` line without any. */
function table<T>(items: readonly T[], empty: string, headers: string[], testId: string, cells: (item: T) => (string | HTMLElement)[]): HTMLElement {
  if (items.length === 0) {
    return el("p", empty, "muted");
  }
  const result = el("table", undefined, "admin-table");
  const head = el("tr");
  head.append(...headers.map((header) => el("th", header)));
  result.createTHead().append(head);
  result.createTBody().append(
    ...items.map((item) => {
      const row = el("tr");
      row.dataset.testid = testId;
      row.append(
        ...cells(item).map((cell) => {
          const td = el("td");
          td.append(cell);
          return td;
        }),
      );
      return row;
    }),
  );
  return result;
}

export class AdminPanel {
  private keys: ApiKeyInfo[] = [];
  private hooks: WebhookInfo[] = [];
  private readonly paused = new Map<string, WebhookInfo>();
  private shown: { webhook: WebhookInfo; deliveries: WebhookDeliveryInfo[] } | null = null;
  private readonly keyErrors: ErrorLine;
  private readonly hookErrors: ErrorLine;
  private readonly listeners = new Listeners();

  constructor(
    private readonly context: ConsoleContext,
    private readonly elements: AdminElements,
    private readonly api: AdminApi,
    private readonly host: AdminHost,
  ) {
    this.keyErrors = new ErrorLine(elements.keyError, context.language);
    this.hookErrors = new ErrorLine(elements.hookError, context.language);
    checkboxes(elements.keyScopes, "scopes", "api-key-scope", Object.values(ApiScopes));
    checkboxes(elements.hookEvents, "events", "webhook-event", Object.values(WebhookEvents));
    elements.toggle.hidden = false;
    this.listeners.on(elements.toggle, "click", () => this.open(elements.view.hidden !== false));
    this.listeners.on(elements.keyForm, "submit", (event) => {
      event.preventDefault();
      void this.createKey();
    });
    this.listeners.on(elements.hookForm, "submit", (event) => {
      event.preventDefault();
      void this.createWebhook();
    });
    this.render();
  }

  /** Reads the keys and the subscriptions (on every connect: a pause may have happened meanwhile). */
  async load(): Promise<void> {
    [this.keys, this.hooks] = await Promise.all([this.api.apiKeys(), this.api.webhooks()]);
    this.render();
  }

  /** WebhookPaused: a line naming the address and the reason, and a notification while the tab is in the background. */
  webhookPaused(webhook: WebhookInfo): void {
    this.paused.set(webhook.id, webhook);
    this.hooks = this.hooks.map((hook) => (hook.id === webhook.id ? webhook : hook));
    this.render();
    this.host.alert(this.context.texts().webhookPausedTitle, this.pausedText(webhook));
  }

  /** Shows the administration view instead of the conversations, or back. */
  open(show: boolean): void {
    if (show) {
      this.host.opening();
    }
    this.elements.view.hidden = !show;
    this.elements.workspace.hidden = show;
    if (show) {
      this.paused.clear();
      void this.load().catch(() => undefined);
    }
    this.render();
  }

  /** Signed out: the view, its toggle and its notices leave the page. */
  stop(): void {
    this.listeners.stop();
    this.elements.view.hidden = true;
    this.elements.toggle.hidden = true;
    this.paused.clear();
    this.shown = null;
    this.elements.keySecret.replaceChildren();
    this.elements.hookSecret.replaceChildren();
    this.elements.notices.replaceChildren();
    this.elements.keyForm.reset();
    this.elements.hookForm.reset();
  }

  render(): void {
    const texts = this.context.texts();
    this.elements.toggle.textContent = this.elements.view.hidden ? texts.administration : texts.backToConversations;
    this.elements.notices.replaceChildren(
      ...Array.from(this.paused.values()).map((webhook) => {
        const item = el("li");
        item.append(button(`${texts.webhookPausedTitle}: ${this.pausedText(webhook)}`, "webhook-paused-notice", () => this.open(true), "rating-notice"));
        return item;
      }),
    );
    this.renderKeys(texts);
    this.renderWebhooks(texts);
    this.renderDeliveries(texts);
  }

  private pausedText(webhook: WebhookInfo): string {
    return `${webhook.url} — ${webhook.lastError ?? this.context.texts().noReason}`;
  }

  private when(value: string): string {
    return dayTimeFormat(this.context.language()).format(new Date(value));
  }

  private renderKeys(texts: ConsoleTexts): void {
    this.elements.keyList.replaceChildren(
      table(this.keys, texts.noApiKeys, [texts.keyName, texts.staffLogin, texts.scopes, texts.created, texts.keyState, ""], "api-key-row", (key) => [
        key.name,
        key.staffLogin,
        key.scopes.join(", "),
        this.when(key.createdAt),
        key.revokedAt ? `${texts.revoked} ${this.when(key.revokedAt)}` : texts.keyActive,
        key.revokedAt ? "" : button(texts.revoke, "revoke-api-key", () => void this.revoke(key)),
      ]),
    );
  }

  private renderWebhooks(texts: ConsoleTexts): void {
    this.elements.hookList.replaceChildren(
      table(this.hooks, texts.noWebhooks, [texts.webhookUrl, texts.webhookEvents, texts.status, texts.failures, texts.lastError, ""], "webhook-row", (hook) => {
        const status = el("span", hook.status === "paused" ? texts.webhookPaused : texts.webhookActive, `badge badge--${hook.status}`);
        status.dataset.testid = "webhook-status";
        const actions = el("div", undefined, "buttons");
        actions.append(
          hook.status === "paused"
            ? button(texts.resume, "resume-webhook", () => void this.change(this.api.resumeWebhook(hook.id)))
            : button(texts.pause, "pause-webhook", () => void this.change(this.api.pauseWebhook(hook.id))),
          button(texts.deliveries, "show-deliveries", () => void this.showDeliveries(hook)),
          button(texts.delete, "delete-webhook", () => void this.remove(hook)),
        );
        const url = el("span", hook.url);
        if (hook.description) {
          url.append(el("br"), el("span", hook.description, "muted"));
        }
        return [url, hook.events.join(", "), status, String(hook.consecutiveFailures), hook.lastError ?? "", actions];
      }),
    );
  }

  private renderDeliveries(texts: ConsoleTexts): void {
    const shown = this.shown;
    this.elements.deliveries.hidden = !shown;
    if (!shown) {
      this.elements.deliveries.replaceChildren();
      return;
    }
    const header = el("div", undefined, "row");
    header.append(el("h3", `${texts.deliveriesOf} ${shown.webhook.url}`), button(texts.refresh, "refresh-deliveries", () => void this.showDeliveries(shown.webhook)));
    this.elements.deliveries.replaceChildren(
      header,
      table(
        shown.deliveries,
        texts.noDeliveries,
        [texts.event, texts.conversation, texts.status, texts.attempts, texts.lastAnswer, texts.lastAttempt, ""],
        "delivery-row",
        (delivery) => [
          delivery.event,
          delivery.conversationId ?? "",
          delivery.status === "delivered" ? texts.delivered : texts.failing,
          String(delivery.attempts),
          delivery.lastStatusCode !== null ? String(delivery.lastStatusCode) : (delivery.lastError ?? ""),
          this.when(delivery.lastAttemptAt),
          button(texts.redeliver, "redeliver", () => void this.redeliver(shown.webhook, delivery)),
        ],
      ),
    );
  }

  /** A refusal near the form: the form's own words for a bad field or a missing right, the shared text otherwise. */
  private refused(errors: ErrorLine, invalid: string): (error: unknown) => void {
    return (error) => {
      const code = failureCode(error);
      if (code === "invalid_argument" || code === "forbidden") {
        errors.say(code === "forbidden" ? this.context.texts().adminOnly : invalid);
      } else {
        errors.show(code);
      }
    };
  }

  private secret(target: HTMLElement, value: string): void {
    const texts = this.context.texts();
    const code = el("code", value, "secret__value");
    code.dataset.testid = "secret-value";
    const copy = button(texts.copy, "copy-secret", () => {
      // Without the clipboard (refused by the browser) the secret is still selectable by hand.
      void navigator.clipboard.writeText(value).then(
        () => {
          copy.textContent = texts.copied;
        },
        () => undefined,
      );
    });
    target.replaceChildren(el("p", texts.shownOnce, "warning"), code, copy, button(texts.secretSaved, "hide-secret", () => target.replaceChildren()));
  }

  private async createKey(): Promise<void> {
    const form = this.elements.keyForm;
    const data = new FormData(form);
    await this.keyErrors.run(async () => {
      const created = await this.api.createApiKey({ name: String(data.get("name") ?? "").trim(), staffLogin: String(data.get("staffLogin") ?? "").trim(), scopes: checked(form, "scopes") });
      form.reset();
      this.secret(this.elements.keySecret, created.secret);
      this.keys = [created.key, ...this.keys];
      this.render();
    }, this.refused(this.keyErrors, this.context.texts().apiKeyInvalid));
  }

  private async revoke(key: ApiKeyInfo): Promise<void> {
    if (!this.host.confirm(this.context.texts().revokeQuestion.replace("{name}", key.name))) {
      return;
    }
    await this.keyErrors.run(async () => {
      const revoked = await this.api.revokeApiKey(key.id);
      this.keys = this.keys.map((k) => (k.id === revoked.id ? revoked : k));
      this.render();
    });
  }

  private async createWebhook(): Promise<void> {
    const form = this.elements.hookForm;
    const data = new FormData(form);
    const description = String(data.get("description") ?? "").trim();
    await this.hookErrors.run(async () => {
      const created = await this.api.createWebhook({ url: String(data.get("url") ?? "").trim(), events: checked(form, "events"), description: description || null });
      form.reset();
      this.secret(this.elements.hookSecret, created.secret);
      this.hooks = [created.webhook, ...this.hooks];
      this.render();
    }, this.refused(this.hookErrors, this.context.texts().webhookInvalid));
  }

  /** A pause or a resume: the subscription as the server answers it. */
  private async change(call: Promise<WebhookInfo>): Promise<void> {
    await this.hookErrors.run(async () => {
      const changed = await call;
      this.paused.delete(changed.id);
      this.hooks = this.hooks.map((hook) => (hook.id === changed.id ? changed : hook));
      this.render();
    });
  }

  private async remove(webhook: WebhookInfo): Promise<void> {
    if (!this.host.confirm(this.context.texts().deleteQuestion.replace("{url}", webhook.url))) {
      return;
    }
    await this.hookErrors.run(async () => {
      await this.api.deleteWebhook(webhook.id);
      this.hooks = this.hooks.filter((hook) => hook.id !== webhook.id);
      this.paused.delete(webhook.id);
      if (this.shown?.webhook.id === webhook.id) {
        this.shown = null;
      }
      this.render();
    });
  }

  private async showDeliveries(webhook: WebhookInfo): Promise<void> {
    await this.hookErrors.run(async () => {
      this.shown = { webhook, deliveries: await this.api.deliveries(webhook.id) };
      this.render();
    });
  }

  private async redeliver(webhook: WebhookInfo, delivery: WebhookDeliveryInfo): Promise<void> {
    await this.hookErrors.run(async () => {
      const again = await this.api.redeliver(webhook.id, delivery.eventId);
      if (this.shown?.webhook.id === webhook.id) {
        this.shown = { webhook, deliveries: this.shown.deliveries.map((d) => (d.eventId === again.eventId ? again : d)) };
      }
      this.render();
    });
  }
}
