// The visitor hub connection: bearer token from the session manager, reconnecting forever, and a
// refused token (negotiate answers 401 invalid_token) dropped so the next attempt starts a new session.

import { reconnectForever } from "@chat/shared/backoff";
import type { ConversationTransport } from "@chat/shared/conversation";
import {
  paths,
  type CallBackRequest,
  type ChatMessage,
  type HandoffReceipt,
  type HandoffUpdate,
  type IdentifyRequest,
  type OfflineMessageRequest,
  type OfflineMessageResult,
  type PageView,
  type ReadMark,
  type ResumeResult,
  type SendResult,
  type TypingState,
} from "@chat/shared/protocol";
import { DefaultHttpClient, HttpClient, HttpError, HubConnectionBuilder, LogLevel, NullLogger, type HttpRequest, type HttpResponse, type HubConnection, type ILogger } from "@microsoft/signalr";
import type { SessionManager } from "./session";

/** Reports the bearer token of a request the server answered with 401. */
class RefusedTokenWatch extends HttpClient {
  constructor(
    private readonly inner: HttpClient,
    private readonly refused: (token: string) => void,
  ) {
    super();
  }

  override async send(request: HttpRequest): Promise<HttpResponse> {
    try {
      return await this.inner.send(request);
    } catch (error) {
      const header = request.headers?.["Authorization"] ?? "";
      if (error instanceof HttpError && error.statusCode === 401 && header.startsWith("Bearer ")) {
        this.refused(header.slice("Bearer ".length));
      }
      throw error;
    }
  }

  override getCookieString(url: string): string {
    return this.inner.getCookieString(url);
  }
}

const consoleLogger: ILogger = {
  log(level, message) {
    if (level >= LogLevel.Information) {
      console.info(`[chat-widget] ${message}`);
    }
  },
};

export function createVisitorHub(server: string, session: SessionManager, debug: boolean): HubConnection {
  const logger = debug ? consoleLogger : NullLogger.instance;
  return new HubConnectionBuilder()
    .withUrl(`${server}${paths.visitorHub}`, {
      accessTokenFactory: () => session.token(),
      httpClient: new RefusedTokenWatch(new DefaultHttpClient(logger), (token) => session.invalidate(token)),
      withCredentials: false,
      logger,
    })
    .withAutomaticReconnect(reconnectForever)
    .configureLogging(logger)
    .build();
}

export function visitorTransport(hub: HubConnection): ConversationTransport {
  return {
    resume: (afterSequence) => hub.invoke<ResumeResult>("Resume", afterSequence),
    send: (clientMessageId, text) => hub.invoke<SendResult>("SendMessage", { clientMessageId, text }),
  };
}

export function onMessageReceived(hub: HubConnection, handler: (message: ChatMessage) => void): void {
  hub.on("MessageReceived", handler);
}

export function visitorCalls(hub: HubConnection) {
  return {
    availability: () => hub.invoke<boolean>("GetAvailability"),
    leaveOfflineMessage: (request: OfflineMessageRequest) => hub.invoke<OfflineMessageResult>("LeaveOfflineMessage", request),
    identify: (request: IdentifyRequest) => hub.invoke<HandoffReceipt>("Identify", request),
    requestCallBack: (request: CallBackRequest) => hub.invoke<HandoffReceipt>("RequestCallBack", request),
    handoffState: () => hub.invoke<HandoffReceipt | null>("GetHandoffState"),
    callBackState: () => hub.invoke<HandoffReceipt | null>("GetCallBackState"),
    typing: (isTyping: boolean) => hub.send("Typing", isTyping),
    markRead: (sequence: number) => hub.invoke<number>("MarkRead", sequence),
    pageViewed: (page: PageView) => hub.invoke<void>("PageViewed", page),
    onAvailabilityChanged: (handler: (online: boolean) => void) => hub.on("AvailabilityChanged", handler),
    onHandoffUpdated: (handler: (update: HandoffUpdate) => void) => hub.on("HandoffUpdated", handler),
    onTypingChanged: (handler: (state: TypingState) => void) => hub.on("TypingChanged", handler),
    onReadUpTo: (handler: (mark: ReadMark) => void) => hub.on("ReadUpTo", handler),
  };
}
