// A conversation the agent opened: its delivery state (the widget's ConversationClient over OpenConversation), the list
// that shows it, who types in it, and both read marks.

import type { AgentProfile, ChatMessage, ConversationSummary, ReadMark, TypingState } from "@chat/shared/contracts";
import { ConversationClient, type ConversationTransport } from "@chat/shared/conversation";
import type { ErrorCode } from "@chat/shared/errors";
import type { MessageList } from "@chat/shared/message-list";
import type { Outbox } from "@chat/shared/outbox";
import { ReadReporter } from "@chat/shared/read-reporter";
import { TypingWatch } from "@chat/shared/typing";
import { conversationState, type ConversationState } from "./conversation-state";

export interface OpenConversationHost {
  shown(conversation: OpenConversation, message: ChatMessage): void;
  typing(conversation: OpenConversation): void;
}

export class OpenConversation {
  readonly client: ConversationClient;
  /** Reports the agents' reading of the visitor's messages (MarkRead), as the widget reports the visitor's. */
  readonly reporter: ReadReporter;
  private readonly visitorTyping: TypingWatch;
  private readonly agentTyping: TypingWatch;
  /** The visitor's read mark: the agents' messages up to it show as read. */
  private visitorRead = 0;
  /** The latest inbox line known for it. */
  private summary: ConversationSummary | undefined;
  /** Whether the agent still holds it, or why not. */
  state: ConversationState = { kind: "held" };

  constructor(
    readonly id: string,
    private readonly outbox: Outbox,
    private list: MessageList,
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
        readMarks: (marks) => {
          this.readByVisitor(marks.readByVisitor);
          this.reporter.known(marks.readByAgent);
        },
      },
      { outbox },
    );
    this.visitorTyping = new TypingWatch("Visitor", () => host.typing(this));
    this.agentTyping = new TypingWatch("Agent", () => host.typing(this));
  }

  get element(): HTMLElement {
    return this.list.element;
  }

  /** The visitor's name on its latest line, kept after the line left the inbox (closed). */
  get visitorName(): string | undefined {
    return this.summary?.visitorName;
  }

  get typingNames(): string[] {
    return [...this.visitorTyping.names, ...this.agentTyping.names];
  }

  /** Its inbox line changed (closed, transferred, taken, reopened); `byMe` when it is the answer to this agent's transfer. */
  update(summary: ConversationSummary | undefined, me: AgentProfile, byMe = false): void {
    this.state = conversationState(summary, this.summary, this.state, me, byMe);
    this.summary = summary ?? this.summary;
  }

  /** Shows the conversation in a fresh list, e.g. with the labels of another language. */
  redraw(list: MessageList): void {
    list.markRead(this.visitorRead);
    this.client.transcript.messages.forEach((message) => list.shown(message));
    this.outbox.entries().forEach((entry) => list.pending(entry));
    this.list = list;
  }

  /** A stored message: shown once, in order; its author has stopped typing. */
  show(message: ChatMessage): void {
    this.list.shown(message);
    this.visitorTyping.shown(message);
    this.agentTyping.shown(message);
  }

  /** ReadUpTo: the visitor read the agents' messages, or (another tab of) the agents read the visitor's. */
  readUpTo(mark: ReadMark): void {
    if (mark.reader === "Visitor") {
      this.readByVisitor(mark.sequence);
    } else {
      this.reporter.known(mark.sequence);
    }
  }

  typingChanged(state: TypingState): void {
    this.visitorTyping.update(state);
    this.agentTyping.update(state);
  }

  /** The visitor has read the agents' messages up to `sequence`; a mark never goes back. */
  private readByVisitor(sequence: number): void {
    this.visitorRead = Math.max(this.visitorRead, sequence);
    this.list.markRead(this.visitorRead);
  }
}
