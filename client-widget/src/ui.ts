// The widget's DOM: a launcher button and a chat dialog inside an open shadow root. The view only
// renders and reports user actions; what to do with them is decided in index.ts.

import { MessageList } from "@chat/shared/message-list";
import type { WidgetConfig } from "./config";
import { textColorOn } from "./config";
import type { Texts } from "./i18n";
import { widgetCss } from "./styles";

export type ConnectionState = "idle" | "connecting" | "connected" | "reconnecting";

export interface WidgetViewEvents {
  opened(): void;
  /** The visitor submitted text; true when it was taken (the input is then cleared). */
  submitted(text: string): boolean;
  /** The text box changed as the visitor typed or cleared it. */
  typed(text: string): void;
  /** The visitor asked for a new conversation. */
  newConversation(): void;
}

const chatIcon =
  '<svg viewBox="0 0 24 24" aria-hidden="true"><path d="M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H9l-5 4v-4H4a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2z"/></svg>';
const sendIcon = '<svg viewBox="0 0 24 24" aria-hidden="true"><path d="M3 20l18-8L3 4v6l12 2-12 2z"/></svg>';

export class WidgetView {
  readonly host: HTMLElement;
  readonly messages: MessageList;
  /** Room above the transcript: the offline form, "already a client?", the handoff's state. */
  readonly notices: HTMLElement;
  /** Room between the transcript and the composer for short prompts: the topics at a conversation's start, the rating at its close. */
  readonly prompts: HTMLElement;
  private readonly root: HTMLElement;
  private readonly launcher: HTMLButtonElement;
  private readonly badge: HTMLElement;
  private readonly panel: HTMLElement;
  private readonly status: HTMLElement;
  private readonly subtitle: HTMLElement;
  private readonly empty: HTMLElement;
  private readonly typing: HTMLElement;
  private readonly input: HTMLTextAreaElement;
  private readonly error: HTMLElement;
  private readonly composer: HTMLFormElement;
  private readonly restart: HTMLButtonElement;
  private live = true;

  constructor(
    private readonly doc: Document,
    config: WidgetConfig,
    private readonly texts: Texts,
    private readonly events: WidgetViewEvents,
  ) {
    this.host = doc.createElement("div");
    this.host.id = "chat-widget-host";
    const shadow = this.host.attachShadow({ mode: "open" });
    const style = doc.createElement("style");
    style.textContent = widgetCss;

    this.root = this.element("div", `root root--${config.position}`);
    this.root.style.setProperty("--accent", config.color);
    this.root.style.setProperty("--on-accent", textColorOn(config.color));
    this.root.lang = config.language;

    this.launcher = this.element("button", "launcher", "chat-launcher");
    this.launcher.type = "button";
    this.launcher.setAttribute("aria-label", texts.open);
    this.launcher.setAttribute("aria-expanded", "false");
    this.launcher.setAttribute("aria-controls", "chat-panel");
    this.launcher.innerHTML = chatIcon;
    this.badge = this.element("span", "badge", "chat-unread");
    this.badge.hidden = true;
    this.launcher.append(this.badge);

    this.panel = this.element("section", "panel", "chat-panel");
    this.panel.id = "chat-panel";
    this.panel.hidden = true;
    this.panel.setAttribute("role", "dialog");
    this.panel.setAttribute("aria-labelledby", "chat-title");

    const header = this.element("header", "header");
    const headerText = this.element("div", "header__text");
    const title = this.element("h2", "title");
    title.id = "chat-title";
    title.textContent = texts.title;
    this.subtitle = this.element("p", "subtitle", "chat-subtitle");
    this.subtitle.textContent = texts.subtitle;
    this.status = this.element("p", "status", "chat-connection-state");
    this.status.setAttribute("role", "status");
    headerText.append(title, this.subtitle, this.status);
    const close = this.element("button", "close", "chat-close");
    close.type = "button";
    close.setAttribute("aria-label", texts.close);
    close.textContent = "×";
    header.append(headerText, close);

    this.notices = this.element("div", "notices");
    this.prompts = this.element("div", "prompts");
    this.restart = this.element("button", "restart", "chat-new-conversation");
    this.restart.type = "button";
    this.restart.textContent = texts.newConversation;
    this.restart.hidden = true;
    this.messages = new MessageList(doc, {
      ownSender: "Visitor",
      unsignedSystem: true,
      language: config.language,
      labels: { you: texts.you, sending: texts.sending, sent: texts.sent, failed: texts.failed, list: texts.messages, read: texts.read },
      testIds: { list: "chat-messages", message: "chat-message" },
      attachmentBase: config.server,
    });
    this.empty = this.element("p", "empty");
    this.empty.textContent = texts.empty;
    this.typing = this.element("p", "typing", "chat-typing");
    this.typing.setAttribute("role", "status");
    this.typing.setAttribute("aria-live", "polite");

    const form = this.element("form", "composer", "chat-form");
    const label = this.element("label", "sr-only");
    label.htmlFor = "chat-input";
    label.textContent = texts.inputLabel;
    this.input = this.element("textarea", "input", "chat-input");
    this.input.id = "chat-input";
    this.input.rows = 1;
    this.input.maxLength = 4000;
    this.input.placeholder = texts.placeholder;
    const send = this.element("button", "send", "chat-send");
    send.type = "submit";
    send.setAttribute("aria-label", texts.send);
    send.innerHTML = sendIcon;
    form.append(label, this.input, send);
    this.composer = form;
    this.error = this.element("p", "error", "chat-error");
    this.error.setAttribute("role", "alert");

    this.panel.append(header, this.notices, this.empty, this.messages.element, this.prompts, this.restart, this.typing, form, this.error);
    this.root.append(this.launcher, this.panel);
    shadow.append(style, this.root);
    this.setConnection("idle");
    this.showEmptyHint();

    this.launcher.addEventListener("click", () => this.open());
    close.addEventListener("click", () => this.close());
    this.restart.addEventListener("click", () => this.events.newConversation());
    this.panel.addEventListener("keydown", (event) => {
      if (event.key === "Escape") {
        event.stopPropagation();
        this.close();
      }
    });
    this.input.addEventListener("keydown", (event) => {
      if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
        event.preventDefault();
        form.requestSubmit();
      }
    });
    this.input.addEventListener("input", () => {
      this.showError(null);
      this.events.typed(this.input.value);
    });
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      if (this.events.submitted(this.input.value)) {
        this.input.value = "";
      }
      this.input.focus();
    });
  }

  /** Puts a text into the composer for the visitor to go on with (a topic chip). */
  compose(text: string): void {
    this.input.value = text;
    this.input.focus();
    this.input.setSelectionRange(text.length, text.length);
    this.events.typed(text);
  }

  /** Offers to start a new conversation (after an agent closed this one), or stops offering it. */
  offerNewConversation(offered: boolean): void {
    this.restart.hidden = !offered;
  }

  get isOpen(): boolean {
    return !this.panel.hidden;
  }

  mount(): void {
    this.doc.body.appendChild(this.host);
  }

  open(): void {
    if (this.isOpen) {
      return;
    }
    this.panel.hidden = false;
    this.root.classList.add("root--open");
    this.launcher.setAttribute("aria-expanded", "true");
    this.messages.element.scrollTop = this.messages.element.scrollHeight;
    this.input.focus();
    this.events.opened();
  }

  close(): void {
    if (!this.isOpen) {
      return;
    }
    this.panel.hidden = true;
    this.root.classList.remove("root--open");
    this.launcher.setAttribute("aria-expanded", "false");
    this.launcher.focus();
  }

  setConnection(state: ConnectionState): void {
    this.status.dataset.state = state;
    this.status.textContent =
      state === "connecting" ? this.texts.connecting : state === "reconnecting" ? this.texts.reconnecting : state === "connected" ? this.texts.connected : "";
  }

  setUnread(count: number): void {
    this.badge.hidden = count === 0;
    this.badge.textContent = count > 99 ? "99+" : String(count);
    this.launcher.setAttribute("aria-label", count === 0 ? this.texts.open : `${this.texts.open}. ${this.texts.unread(count)}`);
  }

  /** Who of the consultants is typing, each name isolated (it may be written right to left); none hides the line. */
  setTyping(names: readonly string[]): void {
    this.typing.replaceChildren();
    names.forEach((name, index) => {
      const isolated = this.doc.createElement("bdi");
      isolated.textContent = name || this.texts.consultant;
      this.typing.append(...(index > 0 ? [", "] : []), isolated);
    });
    if (names.length > 0) {
      this.typing.append(` ${this.texts.typing(names.length)}`);
    }
  }

  showError(text: string | null): void {
    this.error.textContent = text ?? "";
  }

  /** Shows the greeting while the transcript is empty and the chat is live; call after every change to the list. */
  showEmptyHint(): void {
    this.empty.hidden = !this.messages.isEmpty || !this.live;
  }

  /** The policy's greeting instead of the built-in one. */
  setGreeting(text: string): void {
    this.empty.textContent = text;
  }

  /** The office hours under the title, with the zone named as the policy's texts name it: "…, 09:00–19:00 по московскому времени". */
  setHours(open: string, close: string, zone: string): void {
    this.subtitle.textContent = `${this.texts.subtitle}, ${open}–${close} ${zone}`.trimEnd();
  }

  /** Live chat shows the composer; otherwise the offline form in the notices takes its place. */
  setLive(live: boolean): void {
    this.live = live;
    this.composer.hidden = !live;
    this.panel.dataset.mode = live ? "online" : "offline";
    this.showEmptyHint();
  }

  private element<K extends keyof HTMLElementTagNameMap>(tag: K, className: string, testId?: string): HTMLElementTagNameMap[K] {
    const element = this.doc.createElement(tag);
    element.className = className;
    if (testId) {
      element.dataset.testid = testId;
    }
    return element;
  }
}
