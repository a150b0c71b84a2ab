// The agent hub connection: the console cookie authenticates it; a 401 at negotiate means the
// cookie is gone, and the console goes back to the sign-in form.

import { reconnectForever } from "@chat/shared/backoff";
import { HubPaths, type AgentHubEvents, type AgentHubMethods } from "@chat/shared/contracts";
import type { ConversationTransport } from "@chat/shared/conversation";
import type { TypedHub } from "@chat/shared/typed-hub";
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

/** The agent hub as the contracts declare it. */
export type AgentHub = TypedHub<AgentHubMethods, AgentHubEvents>;

/** The console's connection; `unauthorized` runs when the cookie is gone (negotiate answers 401). */
export function createAgentHub(unauthorized: () => void): HubConnection {
  const logger = NullLogger.instance;
  return new HubConnectionBuilder()
    .withUrl(HubPaths.agent, { httpClient: new UnauthorizedWatch(new DefaultHttpClient(logger), unauthorized), logger })
    .withAutomaticReconnect(reconnectForever)
    .configureLogging(logger)
    .build();
}

/** OpenConversation is the console's Resume: it also makes the connection follow the conversation live. */
export function conversationTransport(hub: AgentHub, conversationId: string): ConversationTransport {
  return {
    resume: (afterSequence) => hub.invoke("OpenConversation", conversationId, afterSequence),
    send: (clientMessageId, text) => hub.invoke("SendMessage", { conversationId, clientMessageId, text }),
  };
}

/** A hint, never stored: a lost one is harmless, so failures are dropped. */
export function sendTyping(hub: AgentHub, conversationId: string, isTyping: boolean): void {
  hub.invoke("Typing", { conversationId, isTyping }).catch(() => undefined);
}
