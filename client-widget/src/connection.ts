// The visitor hub connection: bearer token from the session manager, reconnecting forever, and a
// refused token (negotiate answers 401 invalid_token) dropped so the next attempt starts a new session.

import { reconnectForever } from "@chat/shared/backoff";
import { HubPaths, type CallBackRequest, type IdentifyRequest, type OfflineMessage, type PageView, type RatingRequest, type VisitorHubEvents, type VisitorHubMethods } from "@chat/shared/contracts";
import type { ConversationTransport } from "@chat/shared/conversation";
import type { TypedHub } from "@chat/shared/typed-hub";
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
    .withUrl(`${server}${HubPaths.visitor}`, {
      accessTokenFactory: () => session.token(),
      httpClient: new RefusedTokenWatch(new DefaultHttpClient(logger), (token) => session.invalidate(token)),
      withCredentials: false,
      logger,
    })
    .withAutomaticReconnect(reconnectForever)
    .configureLogging(logger)
    .build();
}

/** The visitor hub as the contracts declare it. */
export type VisitorHub = TypedHub<VisitorHubMethods, VisitorHubEvents>;

export function visitorTransport(hub: VisitorHub): ConversationTransport {
  return {
    resume: (afterSequence) => hub.invoke("Resume", afterSequence),
    send: (clientMessageId, text) => hub.invoke("SendMessage", { clientMessageId, text }),
  };
}

export function visitorCalls(hub: VisitorHub) {
  return {
    availability: () => hub.invoke("GetAvailability"),
    leaveOfflineMessage: (request: OfflineMessage) => hub.invoke("LeaveOfflineMessage", request),
    identify: (request: IdentifyRequest) => hub.invoke("Identify", request),
    requestCallBack: (request: CallBackRequest) => hub.invoke("RequestCallBack", request),
    handoffState: () => hub.invoke("GetHandoffState"),
    callBackState: () => hub.invoke("GetCallBackState"),
    typing: (isTyping: boolean) => hub.send("Typing", isTyping),
    markRead: (sequence: number) => hub.invoke("MarkRead", sequence),
    pageViewed: (page: PageView) => hub.invoke("PageViewed", page),
    rate: (request: RatingRequest) => hub.invoke("Rate", request),
    ratingState: () => hub.invoke("GetRatingState"),
  };
}
