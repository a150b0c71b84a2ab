// The signed-in console: the inbox on the left, the selected conversation on the right. Every
// opened conversation keeps its own ConversationClient (the widget's delivery logic) and is
// re-opened from its last sequence after every reconnect.

import type { AgentHubEvents, AgentProfile, AttachmentRef, ChatMessage, ConversationSummary, SavedAnswer, TypingState } from "@chat/shared/contracts";
import { ConversationClient, type ConversationTransport, type ReadMarks } from "@chat/shared/conversation";
import { errorText, type Language } from "@chat/shared/error-texts";
import { apiError, ApiError, hubErrorCode, type ErrorCode } from "@chat/shared/errors";
import { HubLink, type LinkState } from "@chat/shared/hub-link";
import { MessageList } from "@chat/shared/message-list";
import { Outbox } from "@chat/shared/outbox";
import { ReadReporter } from "@chat/shared/read-reporter";
import { memoryStore } from "@chat/shared/storage";
import { subscribe } from "@chat/shared/typed-hub";
import { TypingNotifier, TypingWatch } from "@chat/shared/typing";
import { Desk, type DeskElements } from "./desk";
import { conversationTransport, createAgentHub, sendTyping, type AgentHub } from "./hub";
import type { ConsoleTexts } from "./i18n";
import { Inbox } from "./inbox";
import { linkedHandoff } from "./links";

export interface WorkspaceElements extends DeskElements {
  connection: HTMLElement;
  inboxList: HTMLUListElement;
  queueCount: HTMLElement;
  mineList: HTMLUListElement;
  mineCount: HTMLElement;
  savedList: HTMLUListElement;
  attachInput: HTMLInputElement;
  attached: HTMLElement;
  inboxEmpty: HTMLElement;
  title: HTMLElement;
  leave: HTMLButtonElement;
  pick: HTMLElement;
  transcript: HTMLElement;
  replyForm: HTMLFormElement;
  replyInput: HTMLTextAreaElement;
  replyError: HTMLElement;
  linkError: HTMLElement;
  typing: HTMLElement;
}

interface OpenConversationHost {
  shown(conversation: OpenConversation, message: ChatMessage): void;
  readMarks(conversation: OpenConversation, marks: ReadMarks): void;
  typing(conversation: OpenConversation): void;
}

/** A conversation the agent opened: its delivery state, the list that shows it, who types in it and how far the agents read it. */
class OpenConversation {
  readonly client: ConversationClient;
  readonly visitorTyping: TypingWatch;
  readonly agentTyping: TypingWatch;
  /** Reports the agents' reading of the visitor's messages (MarkRead), as the widget reports the visitor's. */
  readonly reporter: ReadReporter;
  /** The visitor's read mark: the agents' messages up to it show as read. */
  visitorRead = 0;

  constructor(
    readonly id: string,
    readonly outbox: Outbox,
    public list: MessageList,
    transport: ConversationTransport,
    host: OpenConversationHost,
    describe: (code: ErrorCode) => string,
    reportRead: (sequence: number) => Promise<number>,
  ) {
    this.reporter = new ReadReporter(reportRead, "Visitor");
    this.client = new ConversationClient(
      transport,
      {
        shown: (message) => host.shown(this, message),
        pending: (entry) => this.list.pending(entry),
        rejected: (entry, code) => this.list.rejected(entry, describe(code)),
        reset: () => {
          this.list.clear();
          this.reporter.reset();
          this.visitorRead = 0;
        },
        readMarks: (marks) => host.readMarks(this, marks),
      },
      { outbox },
    );
    this.visitorTyping = new TypingWatch("Visitor", () => host.typing(this));
    this.agentTyping = new TypingWatch("Agent", () => host.typing(this));
  }

  get typingNames(): string[] {
    return [...this.visitorTyping.names, ...this.agentTyping.names];
  }

  /** The visitor has read the agents' messages up to `sequence`; a mark never goes back. */
  readByVisitor(sequence: number): void {
    this.visitorRead = Math.max(this.visitorRead, sequence);
    this.list.markRead(this.visitorRead);
  }

  typingChanged(state: TypingState): void {
    this.visitorTyping.update(state);
    this.agentTyping.update(state);
  }

  /** A shown message: its author has stopped typing. */
  typed(message: ChatMessage): void {
    this.visitorTyping.shown(message);
    this.agentTyping.shown(message);
  }

}

export class Workspace {
  private readonly hub: AgentHub;
  private readonly link: HubLink;
  private readonly inbox = new Inbox();
  private readonly open = new Map<string, OpenConversation>();
  private readonly outboxStore = memoryStore();
  private selected: string | null = null;
  private state: LinkState = "idle";
  private readonly time: () => Intl.DateTimeFormat;
  private readonly desk: Desk;
  private savedAnswers: SavedAnswer[] = [];
  private uploads: AttachmentRef[] = [];
  private linkOpened = false;
  private typingOut: { id: string; notifier: TypingNotifier } | null = null;

  constructor(
    private readonly profile: AgentProfile,
    private readonly elements: WorkspaceElements,
    private readonly language: () => Language,
    private readonly texts: () => ConsoleTexts,
    unauthorized: () => void,
  ) {
    this.time = () => new Intl.DateTimeFormat(this.language(), { hour: "2-digit", minute: "2-digit" });
    const connection = createAgentHub(unauthorized);
    this.hub = connection;
    this.desk = new Desk(this.hub, elements, {
      me: profile,
      texts: () => this.texts(),
      language: () => this.language(),
      select: (id) => this.select(id),
      selected: () => this.selected,
      topic: (id) => this.inbox.get(id)?.topic ?? null,
      closed: (summary) => {
        this.inbox.update(summary);
        this.renderInbox();
      },
      alert: (title, body) => this.alert(title, body),
    });
    subscribe<AgentHubEvents>(connection, {
      MessageReceived: (message) => this.open.get(message.conversationId)?.client.received(message),
      ConversationUpdated: (summary) => {
        if (!this.inbox.get(summary.id) && !summary.assignedTo && summary.status === "Open") {
          this.alert(this.texts().newChat, summary.visitorName);
        }
        this.inbox.update(summary);
        this.renderInbox();
        if (summary.id === this.selected) {
          this.desk.topicChanged();
        }
      },
      HandoffReceived: (card) => void this.desk.received(card),
      HandoffStatusChanged: (change) => this.desk.statusChanged(change),
      PresenceChanged: (agent) => this.desk.presenceChanged(agent),
      VisitorPresenceChanged: (visitor) => this.desk.visitorPresenceChanged(visitor),
      NoteAdded: (note) => this.desk.noteAdded(note),
      QueuedItemDelivered: (item) => void this.desk.queued(item),
      TypingChanged: (state) => {
        // The server leaves out only the typing connection: the agent's other tabs would show themselves typing.
        if (!(state.sender === "Agent" && state.login === this.profile.login)) {
          this.open.get(state.conversationId)?.typingChanged(state);
        }
      },
      ReadUpTo: (mark) => {
        const conversation = this.open.get(mark.conversationId);
        if (conversation && mark.reader === "Visitor") {
          conversation.readByVisitor(mark.sequence);
        } else if (conversation) {
          conversation.reporter.known(mark.sequence);
        }
      },
      VisitorPageViewed: (visit) => this.desk.pageViewed(visit),
    });
    this.link = new HubLink(connection, {
      state: (state) => this.showState(state),
      connected: () => this.connected(),
      disconnected: () => this.open.forEach((c) => c.client.disconnected()),
    });
    elements.replyForm.addEventListener("submit", this.onSubmit);
    elements.replyInput.addEventListener("keydown", this.onKeyDown);
    elements.replyInput.addEventListener("input", this.clearError);
    elements.replyInput.addEventListener("input", this.onTyped);
    elements.leave.addEventListener("click", this.onLeave);
    elements.replyInput.addEventListener("input", this.onSavedAnswers);
    elements.attachInput.addEventListener("change", this.onAttach);
    document.addEventListener("visibilitychange", this.onVisible);
    document.addEventListener("click", this.askNotifications, { once: true });
    window.addEventListener("hashchange", this.onHash);
  }

  start(): void {
    this.link.start();
  }

  async stop(): Promise<void> {
    this.elements.replyForm.removeEventListener("submit", this.onSubmit);
    this.elements.replyInput.removeEventListener("keydown", this.onKeyDown);
    this.elements.replyInput.removeEventListener("input", this.clearError);
    this.elements.replyInput.removeEventListener("input", this.onTyped);
    this.stopTyping();
    this.elements.leave.removeEventListener("click", this.onLeave);
    document.removeEventListener("visibilitychange", this.onVisible);
    window.removeEventListener("hashchange", this.onHash);
    this.desk.stop();
    await this.link.stop();
    this.open.clear();
    this.selected = null;
    this.elements.inboxList.replaceChildren();
    this.showSelected();
  }

  /** The language changed: redraw everything that carries text. */
  relabel(): void {
    for (const conversation of this.open.values()) {
      const list = this.messageList();
      list.markRead(conversation.visitorRead);
      conversation.client.transcript.messages.forEach((m) => list.shown(m));
      conversation.outbox.entries().forEach((e) => list.pending(e));
      conversation.list = list;
    }
    this.showState(this.state);
    this.renderInbox();
    this.showSelected();
    this.desk.relabel();
  }

  private async connected(): Promise<void> {
    try {
      this.inbox.replace(await this.hub.invoke("GetInbox"));
      this.renderInbox();
    } catch {
      // The next reconnect loads it again; live updates keep coming meanwhile.
    }
    await Promise.all(Array.from(this.open.values(), (c) => c.client.connected()));
    const selected = this.selected ? this.open.get(this.selected) : undefined;
    if (selected) {
      this.reportRead(selected);
    }
    await Promise.all([
      this.desk.connected().catch(() => undefined),
      this.hub.invoke("GetSavedAnswers", this.language()).then((answers) => (this.savedAnswers = answers)).catch(() => undefined),
    ]);
    if (!this.linkOpened) {
      this.linkOpened = true;
      await this.openLinkedHandoff();
    }
  }

  private readonly onHash = (): void => {
    if (this.state === "connected") {
      void this.openLinkedHandoff();
    } else {
      this.linkOpened = false;
    }
  };

  /** `/console/#handoff=<id>` opens that handoff: its conversation and card, or says why it cannot. */
  private async openLinkedHandoff(): Promise<void> {
    const id = linkedHandoff(window.location.hash);
    const error = this.elements.linkError;
    error.textContent = "";
    if (id === null) {
      return;
    }
    const texts = this.texts();
    if (id === "") {
      error.textContent = texts.handoffNotFound;
      return;
    }
    try {
      const card = await this.hub.invoke("GetHandoff", id);
      this.desk.opened(card);
      this.select(card.conversationId);
    } catch (failure) {
      const code = hubErrorCode(failure) ?? "internal_error";
      error.textContent = code === "forbidden" ? texts.handoffForbidden : code === "handoff_not_found" ? texts.handoffNotFound : errorText(this.language(), code);
    }
  }

  private select(id: string): void {
    if (this.typingOut?.id !== id) {
      this.stopTyping();
    }
    this.selected = id;
    this.elements.linkError.textContent = "";
    let conversation = this.open.get(id);
    if (!conversation) {
      conversation = new OpenConversation(
        id,
        new Outbox(this.outboxStore, `outbox:${id}`),
        this.messageList(),
        conversationTransport(this.hub, id),
        {
          shown: (opened, message) => this.shown(opened, message),
          readMarks: (opened, marks) => {
            opened.readByVisitor(marks.readByVisitor);
            opened.reporter.known(marks.readByAgent);
          },
          typing: (opened) => {
            if (opened.id === this.selected) {
              this.renderTyping();
            }
          },
        },
        (code) => errorText(this.language(), code),
        (sequence) => this.hub.invoke("MarkRead", { conversationId: id, sequence }),
      );
      this.open.set(id, conversation);
      if (this.state === "connected") {
        void conversation.client.connected();
      }
    }
    this.inbox.markSeen(id, conversation.client.transcript.lastSequence);
    this.renderInbox();
    this.showSelected();
    this.elements.replyInput.focus();
    this.reportRead(conversation);
    void this.desk.show(id);
  }

  /** The conversation is on screen: the agents have read what it shows (MarkRead once per burst, only past the agents' mark). */
  private reportRead(conversation: OpenConversation): void {
    const onScreen = conversation.id === this.selected && this.open.get(conversation.id) === conversation && document.visibilityState === "visible";
    if (onScreen && this.state === "connected") {
      conversation.reporter.read(conversation.client.transcript.messages);
    }
  }

  private readonly onTyped = (): void => {
    const id = this.selected;
    if (!id) {
      return;
    }
    if (this.typingOut?.id !== id) {
      this.stopTyping();
      this.typingOut = { id, notifier: new TypingNotifier((isTyping) => sendTyping(this.hub, id, isTyping)) };
    }
    this.typingOut.notifier.input(this.elements.replyInput.value);
  };

  /** Typing(false) for the conversation the agent was typing in, if a true went out. */
  private stopTyping(): void {
    this.typingOut?.notifier.stop();
    this.typingOut = null;
  }

  private renderTyping(): void {
    const conversation = this.selected ? this.open.get(this.selected) : undefined;
    const texts = this.texts();
    const names = (conversation?.typingNames ?? []).map((name) => name || texts.visitor);
    this.elements.typing.textContent = names.length === 0 ? "" : (names.length > 1 ? texts.typingMany : texts.typingOne).replace("{names}", names.join(", "));
  }

  /** A sound and, with permission, a system notification, only while the tab is in the background. */
  private alert(title: string, body: string): void {
    if (document.visibilityState === "visible") {
      return;
    }
    try {
      const audio = new AudioContext();
      const tone = audio.createOscillator();
      tone.frequency.value = 880;
      tone.connect(audio.destination);
      tone.start();
      tone.stop(audio.currentTime + 0.25);
    } catch {
      // No audio device: the notification still shows.
    }
    if ("Notification" in window && Notification.permission === "granted") {
      new Notification(title, { body });
    }
  }

  private readonly askNotifications = (): void => {
    if ("Notification" in window && Notification.permission === "default") {
      void Notification.requestPermission();
    }
  };

  private shown(conversation: OpenConversation, message: ChatMessage): void {
    conversation.list.shown(message);
    conversation.typed(message);
    if (conversation.id === this.selected && document.visibilityState === "visible") {
      this.inbox.markSeen(conversation.id, message.sequence);
      this.renderInbox();
      this.reportRead(conversation);
    }
  }

  private showSelected(): void {
    const conversation = this.selected ? this.open.get(this.selected) : undefined;
    const { title, leave, pick, transcript, replyForm } = this.elements;
    title.textContent = conversation ? (this.inbox.get(conversation.id)?.visitorName ?? "") : "";
    leave.hidden = replyForm.hidden = !conversation;
    pick.hidden = !!conversation;
    transcript.replaceChildren(...(conversation ? [conversation.list.element] : []));
    if (conversation) {
      conversation.list.element.scrollTop = conversation.list.element.scrollHeight;
    }
    this.renderTyping();
  }

  private renderInbox(): void {
    const { inboxList, inboxEmpty, mineList } = this.elements;
    const focusedId = (document.activeElement as HTMLElement | null)?.dataset?.conversationId;
    const all = this.inbox.list();
    const queue = all.filter((s) => !s.assignedTo);
    const mine = all.filter((s) => s.assignedTo === this.profile.login);
    inboxList.replaceChildren(...queue.map((s) => this.inboxItem(s)));
    mineList.replaceChildren(...mine.map((s) => this.inboxItem(s)));
    this.elements.queueCount.textContent = String(queue.length);
    this.elements.mineCount.textContent = String(mine.length);
    inboxEmpty.hidden = queue.length + mine.length > 0;
    if (focusedId) {
      this.elements.inboxList.parentElement?.querySelector<HTMLElement>(`[data-conversation-id="${CSS.escape(focusedId)}"]`)?.focus();
    }
    if (this.selected) {
      this.elements.title.textContent = this.inbox.get(this.selected)?.visitorName ?? this.elements.title.textContent;
    }
  }

  private inboxItem(summary: ConversationSummary): HTMLLIElement {
    const format = this.time();
    const item = document.createElement("li");
    const button = document.createElement("button");
    button.type = "button";
    button.className = "inbox-item";
    button.dataset.testid = "inbox-item";
    button.dataset.conversationId = summary.id;
    const unread = this.inbox.isUnread(summary) && summary.id !== this.selected;
    button.classList.toggle("inbox-item--unread", unread);
    if (summary.id === this.selected) {
      button.setAttribute("aria-current", "true");
    }
    const name = document.createElement("span");
    name.className = "inbox-item__name";
    name.textContent = summary.visitorName;
    const when = document.createElement("time");
    when.className = "inbox-item__time";
    when.dateTime = summary.updatedAt;
    when.textContent = format.format(new Date(summary.updatedAt));
    const last = document.createElement("span");
    last.className = "inbox-item__text";
    last.textContent = summary.lastText ?? "";
    button.append(name, when, last);
    if (unread) {
      const marker = document.createElement("span");
      marker.className = "sr-only";
      marker.textContent = `, ${this.texts().newMessages}`;
      button.append(marker);
    }
    button.addEventListener("click", () => this.select(summary.id));
    item.append(button);
    return item;
  }

  private showState(state: LinkState): void {
    this.state = state;
    const texts = this.texts();
    this.elements.connection.dataset.state = state;
    this.elements.connection.textContent = texts[state];
  }

  private messageList(): MessageList {
    const texts = this.texts();
    return new MessageList(document, {
      ownSender: "Agent",
      language: this.language(),
      labels: { you: texts.you, sending: texts.sending, sent: texts.sent, failed: texts.failed, list: texts.messages, read: texts.read },
      testIds: { list: "message-list", message: "message" },
    });
  }

  private readonly onSubmit = (event: SubmitEvent): void => {
    event.preventDefault();
    const conversation = this.selected ? this.open.get(this.selected) : undefined;
    if (!conversation) {
      return;
    }
    this.stopTyping();
    if (this.uploads.length > 0) {
      const attachmentIds = this.uploads.map((u) => u.id);
      const text = this.elements.replyInput.value.trim();
      this.hub
        .invoke("SendMessage", { conversationId: conversation.id, clientMessageId: crypto.randomUUID(), text, attachmentIds })
        .then(() => {
          this.uploads = [];
          this.elements.attached.textContent = "";
          this.elements.attachInput.value = "";
          this.elements.replyInput.value = "";
        })
        .catch((error: unknown) => (this.elements.replyError.textContent = errorText(this.language(), hubErrorCode(error) ?? "internal_error")));
      return;
    }
    const outcome = conversation.client.send(this.elements.replyInput.value);
    if (outcome.queued) {
      this.elements.replyInput.value = "";
    } else {
      this.elements.replyError.textContent = errorText(this.language(), outcome.code);
    }
  };

  private readonly onKeyDown = (event: KeyboardEvent): void => {
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      this.elements.replyForm.requestSubmit();
    }
  };

  /** Typing "/" and a few letters offers the saved answers whose shortcut or title starts so. */
  private readonly onSavedAnswers = (): void => {
    const { replyInput, savedList } = this.elements;
    const value = replyInput.value;
    const query = value.startsWith("/") ? value.slice(1).toLocaleLowerCase() : null;
    const matches = query === null ? [] : this.savedAnswers.filter((a) => a.shortcut.toLocaleLowerCase().startsWith(query) || a.title.toLocaleLowerCase().includes(query));
    savedList.hidden = matches.length === 0;
    savedList.replaceChildren(
      ...matches.map((answer) => {
        const item = document.createElement("li");
        const pick = document.createElement("button");
        pick.type = "button";
        pick.dataset.testid = "saved-answer";
        pick.textContent = `/${answer.shortcut} — ${answer.title}`;
        pick.addEventListener("click", () => {
          replyInput.value = answer.text;
          savedList.hidden = true;
          savedList.replaceChildren();
          replyInput.focus();
        });
        item.append(pick);
        return item;
      }),
    );
  };

  private readonly onAttach = (): void => {
    const file = this.elements.attachInput.files?.[0];
    if (!file) {
      return;
    }
    const form = new FormData();
    form.append("file", file);
    fetch("/api/agent/attachments", { method: "POST", body: form, credentials: "same-origin" })
      .then(async (response) => {
        if (!response.ok) {
          throw await apiError(response);
        }
        const upload = (await response.json()) as AttachmentRef;
        this.uploads.push(upload);
        this.elements.attached.textContent = `${this.texts().attached}: ${this.uploads.map((u) => u.fileName).join(", ")}`;
      })
      .catch((error: unknown) => {
        this.elements.attachInput.value = "";
        this.elements.replyError.textContent = errorText(this.language(), error instanceof ApiError ? error.code : "internal_error");
      });
  };

  private readonly clearError = (): void => {
    this.elements.replyError.textContent = "";
  };

  private readonly onLeave = (): void => {
    const id = this.selected;
    if (!id) {
      return;
    }
    this.stopTyping();
    this.open.get(id)?.client.disconnected();
    this.open.delete(id);
    this.selected = null;
    if (this.state === "connected") {
      this.hub.invoke("LeaveConversation", id).catch(() => undefined);
    }
    this.renderInbox();
    this.showSelected();
  };

  private readonly onVisible = (): void => {
    const conversation = this.selected ? this.open.get(this.selected) : undefined;
    if (conversation && document.visibilityState === "visible") {
      this.inbox.markSeen(conversation.id, conversation.client.transcript.lastSequence);
      this.renderInbox();
      this.reportRead(conversation);
    }
  };
}
