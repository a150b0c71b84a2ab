// The visitor's session token: created on first use, kept in localStorage (shared by the visitor's
// tabs), renewed halfway through its life, replaced when the server no longer accepts it.

import { HubPaths, type VisitorSession, type VisitorSessionRequest } from "@chat/shared/contracts";
import { apiError, ApiError } from "@chat/shared/errors";
import { readJson, type KeyValueStore } from "@chat/shared/storage";

export interface StoredSession {
  token: string;
  conversationId: string;
  expiresAt: string;
  /** Client time (ms) after which the token is renewed. */
  renewAt: number;
}

export interface SessionOptions {
  server: string;
  language: string;
  store: KeyValueStore;
  fetch: (url: string, init: RequestInit) => Promise<Response>;
  now?: () => number;
}

/** Never renew more often than this, whatever the clocks say. */
const minRenewalMs = 60_000;

export class SessionManager {
  readonly key: string;
  private readonly now: () => number;
  private pending: Promise<StoredSession> | null = null;

  constructor(private readonly options: SessionOptions) {
    this.key = `chat-widget:${options.server}:session`;
    this.now = options.now ?? Date.now;
  }

  /** The session kept by this or another tab, if any. */
  stored(): StoredSession | null {
    const value = readJson(this.options.store, this.key);
    return isStoredSession(value) ? value : null;
  }

  /** A usable token: the stored one, renewed when due, or a new session's. */
  async token(): Promise<string> {
    return (await this.current()).token;
  }

  /** Same as `token()`, for the whole session. Concurrent callers share one request. */
  current(): Promise<StoredSession> {
    this.pending ??= this.resolve().finally(() => {
      this.pending = null;
    });
    return this.pending;
  }

  /** Milliseconds until the stored session is due for renewal (0 when due or absent). */
  renewalDueIn(): number {
    const session = this.stored();
    return session ? Math.max(0, session.renewAt - this.now()) : 0;
  }

  /** The visitor starts over: the next token is a new session's, with a new conversation. */
  forget(): void {
    this.options.store.removeItem(this.key);
  }

  /** The server refused `token`: forget it, unless another tab has already replaced it. */
  invalidate(token: string): void {
    if (this.stored()?.token === token) {
      this.options.store.removeItem(this.key);
    }
  }

  private async resolve(): Promise<StoredSession> {
    const session = this.stored();
    if (!session) {
      return this.request({});
    }
    if (this.now() < session.renewAt) {
      return session;
    }
    try {
      return await this.request({ token: session.token });
    } catch (error) {
      if (error instanceof ApiError && (error.code === "invalid_token" || error.code === "conversation_not_found")) {
        this.invalidate(session.token);
        return this.request({});
      }
      // The server is out of reach: the current token may well still be valid.
      return session;
    }
  }

  private async request(body: Pick<Partial<VisitorSessionRequest>, "token">): Promise<StoredSession> {
    const response = await this.options.fetch(`${this.options.server}${HubPaths.visitorSessions}`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Accept: "application/json" },
      body: JSON.stringify({ ...body, language: this.options.language } satisfies Partial<VisitorSessionRequest>),
      credentials: "omit",
    });
    if (!response.ok) {
      throw await apiError(response);
    }
    const answer = (await response.json()) as VisitorSession;
    const receivedAt = this.now();
    // The lifetime the server gives, not its expiry against this machine's clock, which may be hours off.
    const lifetime = answer.expiresIn * 1000;
    const session: StoredSession = {
      token: answer.token,
      conversationId: answer.conversationId,
      expiresAt: answer.expiresAt,
      renewAt: receivedAt + Math.max(minRenewalMs, Number.isFinite(lifetime) ? lifetime / 2 : 0),
    };
    this.options.store.setItem(this.key, JSON.stringify(session));
    return session;
  }
}

function isStoredSession(value: unknown): value is StoredSession {
  if (typeof value !== "object" || value === null) {
    return false;
  }
  const session = value as Record<string, unknown>;
  return (
    typeof session.token === "string" &&
    typeof session.conversationId === "string" &&
    typeof session.expiresAt === "string" &&
    typeof session.renewAt === "number"
  );
}
