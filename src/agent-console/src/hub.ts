// The agent hub connection: the console cookie authenticates it; a 401 at negotiate means the
// cookie is gone, and the console goes back to the sign-in form.

import { reconnectForever } from "@chat/shared/backoff";
import type { ConversationTransport } from "@chat/shared/conversation";
import { paths, type ChatMessage, type ConversationSummary, type ReadMark, type ResumeResult, type SendResult, type TypingState } from "@chat/shared/protocol";
import { DefaultHttpClient, HttpClient, HttpError, HubConnectionBuilder, NullLogger, type HttpRequest, type HttpResponse, type HubConnection } from "@microsoft/signalr";

class UnauthorizedWatch extends HttpClient {
  constructor(
    private readonly inner: HttpClient,
    private readonly unauthorized: () => void,
  ) {
    super();
  }

  override async send(request: HttpRequest): Promise<HttpResponse> {
    try {
      return await this.inner.send(request);
    } catch (error) {
      if (error instanceof HttpError && error.statusCode === 401) {
        this.unauthorized();
      }
      throw error;
    }
  }

  override getCookieString(url: string): string {
    return this.inner.getCookieString(url);
  }
}

export interface AgentHubEvents {
  messageReceived(message: ChatMessage): void;
  conversationUpdated(summary: ConversationSummary): void;
  typingChanged(state: TypingState): void;
  readUpTo(mark: ReadMark): void;
  unauthorized(): void;
}

export function createAgentHub(events: AgentHubEvents): HubConnection {
  const logger = NullLogger.instance;
  const hub = new HubConnectionBuilder()
    .withUrl(paths.agentHub, { httpClient: new UnauthorizedWatch(new DefaultHttpClient(logger), events.unauthorized), logger })
    .withAutomaticReconnect(reconnectForever)
    .configureLogging(logger)
    .build();
  hub.on("MessageReceived", events.messageReceived);
  hub.on("ConversationUpdated", events.conversationUpdated);
  hub.on("TypingChanged", events.typingChanged);
  hub.on("ReadUpTo", events.readUpTo);
  return hub;
}

export function getInbox(hub: HubConnection): Promise<ConversationSummary[]> {
  return hub.invoke<ConversationSummary[]>("GetInbox");
}

export function leaveConversation(hub: HubConnection, conversationId: string): Promise<void> {
  return hub.invoke("LeaveConversation", conversationId);
}

/** OpenConversation is the console's Resume: it also makes the connection follow the conversation live. */
export function conversationTransport(hub: HubConnection, conversationId: string): ConversationTransport {
  return {
    resume: (afterSequence) => hub.invoke<ResumeResult>("OpenConversation", conversationId, afterSequence),
    send: (clientMessageId, text) => hub.invoke<SendResult>("SendMessage", { conversationId, clientMessageId, text }),
  };
}

/** A hint, never stored: a lost one is harmless, so failures are dropped. */
export function sendTyping(hub: HubConnection, conversationId: string, isTyping: boolean): void {
  hub.invoke("Typing", { conversationId, isTyping }).catch(() => undefined);
}

/** The agents have read the conversation up to `sequence`; answers the agents' mark after the call. */
export function markRead(hub: HubConnection, conversationId: string, sequence: number): Promise<number> {
  return hub.invoke<number>("MarkRead", { conversationId, sequence });
}
