// The middle column: the conversations the agent opened, each re-opened from its last sequence after every reconnect,
// and the one on screen with its title, transcript and who is typing. Its messages count as read by the agents while
// it is on screen and the tab is visible. Once it is closed or another agent holds it, it is read-only, with a line
// that says so, whether this agent did it or it happened elsewhere.

import type { ChatMessage, ConversationSummary, ReadMark, TypingState } from "@chat/shared/contracts";
import { errorText } from "@chat/shared/error-texts";
import { MessageList } from "@chat/shared/message-list";
import { Outbox } from "@chat/shared/outbox";
import { memoryStore } from "@chat/shared/storage";
import type { ConsoleContext } from "./context";
import { conversationStateText } from "./conversation-state";
import { el } from "./dom";
import { conversationTransport } from "./hub";
import { OpenConversation } from "./open-conversation";

export interface ConversationsElements {
  title: HTMLElement;
  leave: HTMLButtonElement;
  pick: HTMLElement;
  transcript: HTMLElement;
  replyForm: HTMLFormElement;
  typing: HTMLElement;
  /** Why the conversation is read-only (role="status"). */
  state: HTMLElement;
  /** The redirect, transfer and close controls, off while read-only. */
  actions: HTMLFieldSetElement;
}

export interface ConversationsHost {
  /** Whether the hub is connected now: an opened conversation then loads at once, otherwise on the next connect. */
  connected(): boolean;
  /** The conversation's line in the inbox, if it has one. */
  summary(conversationId: string): ConversationSummary | undefined;
  /** A colleague's name by login. */
  nameOf(login: string): string;
  /** The agent has seen the conversation up to `sequence`. */
  seen(conversationId: string, sequence: number): void;
  /** The agent hid the conversation on screen (the leave button). */
  left(conversationId: string): void;
  /** Adds to a stored message's item as a transcript shows it (MessageListOptions.decorate). */
  decorate(item: HTMLLIElement, message: ChatMessage): void;
}

export class ConversationsPanel {
  private readonly open = new Map<string, OpenConversation>();
  private readonly outboxStore = memoryStore();
  private selected: string | null = null;

  constructor(
    private readonly context: ConsoleContext,
    private readonly elements: ConversationsElements,
    private readonly host: ConversationsHost,
  ) {
    elements.leave.addEventListener("click", this.onLeave);
    document.addEventListener("visibilitychange", this.onVisible);
  }

  stop(): void {
    this.elements.leave.removeEventListener("click", this.onLeave);
    document.removeEventListener("visibilitychange", this.onVisible);
    this.open.clear();
    this.selected = null;
    this.render();
  }

  get current(): OpenConversation | undefined {
    return this.selected === null ? undefined : this.open.get(this.selected);
  }

  get selectedId(): string | null {
    return this.selected;
  }

  /** Puts the conversation on screen, opening it first if needed. */
  select(id: string): void {
    this.selected = id;
    let conversation = this.open.get(id);
    if (!conversation) {
      conversation = this.opened(id);
      conversation.update(this.host.summary(id), this.context.me);
      this.open.set(id, conversation);
      if (this.host.connected()) {
        void conversation.client.connected();
      }
    }
    this.host.seen(id, conversation.client.transcript.lastSequence);
    this.render();
    this.reportRead(conversation);
  }

  /** After every (re)connect: each open conversation resumes from its last sequence. */
  async connected(): Promise<void> {
    await Promise.all(Array.from(this.open.values(), (conversation) => conversation.client.connected()));
    const current = this.current;
    if (current) {
      this.reportRead(current);
    }
  }

  disconnected(): void {
    this.open.forEach((conversation) => conversation.client.disconnected());
  }

  /** ConversationUpdated, or the answer to this agent's transfer (`byMe`) or close. */
  updated(summary: ConversationSummary, byMe = false): void {
    const conversation = this.open.get(summary.id);
    if (conversation) {
      conversation.update(summary, this.context.me, byMe);
      if (conversation === this.current) {
        this.render();
      }
    }
  }

  received(message: ChatMessage): void {
    this.open.get(message.conversationId)?.client.received(message);
  }

  /** TypingChanged; the server leaves out only the typing connection, so the agent's own other tabs are dropped here. */
  typingChanged(state: TypingState): void {
    if (!(state.sender === "Agent" && state.login === this.context.me.login)) {
      this.open.get(state.conversationId)?.typingChanged(state);
    }
  }

  readUpTo(mark: ReadMark): void {
    this.open.get(mark.conversationId)?.readUpTo(mark);
  }

  /** The language changed: every transcript is drawn again with the new labels. */
  relabel(): void {
    this.open.forEach((conversation) => conversation.redraw(this.messageList()));
    this.render();
  }

  /** The title follows the inbox's name of the visitor. */
  retitle(): void {
    if (this.selected !== null) {
      this.elements.title.textContent = this.host.summary(this.selected)?.visitorName ?? this.elements.title.textContent;
    }
  }

  private opened(id: string): OpenConversation {
    const hub = this.context.hub;
    return new OpenConversation(
      id,
      new Outbox(this.outboxStore, `outbox:${id}`),
      this.messageList(),
      conversationTransport(hub, id),
      {
        shown: (conversation, message) => this.shown(conversation, message),
        typing: (conversation) => {
          if (conversation.id === this.selected) {
            this.renderTyping();
          }
        },
      },
      (code) => errorText(this.context.language(), code),
      (sequence) => hub.invoke("MarkRead", { conversationId: id, sequence }),
    );
  }

  private shown(conversation: OpenConversation, message: ChatMessage): void {
    conversation.show(message);
    if (conversation.id === this.selected && document.visibilityState === "visible") {
      this.host.seen(conversation.id, message.sequence);
      this.reportRead(conversation);
    }
  }

  /** The conversation is on screen: the agents have read what it shows (MarkRead once per burst, only past the agents' mark). */
  private reportRead(conversation: OpenConversation): void {
    const onScreen = conversation.id === this.selected && this.open.get(conversation.id) === conversation && document.visibilityState === "visible";
    if (onScreen && this.host.connected()) {
      conversation.reporter.read(conversation.client.transcript.messages);
    }
  }

  private render(): void {
    const conversation = this.current;
    const { title, leave, pick, transcript, replyForm, state, actions } = this.elements;
    title.textContent = conversation ? (this.host.summary(conversation.id)?.visitorName ?? conversation.visitorName ?? "") : "";
    leave.hidden = !conversation;
    const readOnly = conversation !== undefined && conversation.state.kind !== "held";
    replyForm.hidden = !conversation || readOnly;
    actions.disabled = readOnly;
    state.hidden = !readOnly;
    state.textContent = conversation ? conversationStateText(conversation.state, this.context.texts(), (login) => this.host.nameOf(login)) : "";
    pick.hidden = !!conversation;
    transcript.replaceChildren(...(conversation ? [conversation.element] : []));
    if (conversation) {
      conversation.element.scrollTop = conversation.element.scrollHeight;
    }
    this.renderTyping();
  }

  private renderTyping(): void {
    const texts = this.context.texts();
    const names = (this.current?.typingNames ?? []).map((name) => name || texts.visitor);
    if (names.length === 0) {
      this.elements.typing.replaceChildren();
      return;
    }
    // Each name is isolated (bdi), so a right-to-left one cannot reorder the sentence around it.
    const [before, after] = (names.length > 1 ? texts.typingMany : texts.typingOne).split("{names}");
    const isolated = names.flatMap((name, index) => (index === 0 ? [el("bdi", name)] : [", ", el("bdi", name)]));
    this.elements.typing.replaceChildren(before ?? "", ...isolated, after ?? "");
  }

  private messageList(): MessageList {
    const texts = this.context.texts();
    return new MessageList(document, {
      ownSender: "Agent",
      language: this.context.language(),
      labels: { you: texts.you, sending: texts.sending, sent: texts.sent, failed: texts.failed, list: texts.messages, read: texts.read, system: texts.automatic },
      testIds: { list: "message-list", message: "message" },
      decorate: (item, message) => this.host.decorate(item, message),
    });
  }

  private readonly onLeave = (): void => {
    const id = this.selected;
    if (id === null) {
      return;
    }
    this.open.get(id)?.client.disconnected();
    this.open.delete(id);
    this.selected = null;
    if (this.host.connected()) {
      this.context.hub.invoke("LeaveConversation", id).catch(() => undefined);
    }
    this.render();
    this.host.left(id);
  };

  private readonly onVisible = (): void => {
    const conversation = this.current;
    if (conversation && document.visibilityState === "visible") {
      this.host.seen(conversation.id, conversation.client.transcript.lastSequence);
      this.reportRead(conversation);
    }
  };
}
