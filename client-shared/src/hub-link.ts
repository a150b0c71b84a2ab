// Keeps a SignalR hub connection up for as long as it is wanted: the first start is retried with
// back-off (withAutomaticReconnect only covers drops after a successful start), a close is followed
// by a new start, and every (re)connect is reported so the caller can resume.

import { backoffDelay } from "./backoff";

/** The part of @microsoft/signalr's HubConnection this needs. */
export interface HubLike {
  start(): Promise<void>;
  stop(): Promise<void>;
  onreconnecting(callback: (error?: Error) => void): void;
  onreconnected(callback: (connectionId?: string) => void): void;
  onclose(callback: (error?: Error) => void): void;
}

export type LinkState = "idle" | "connecting" | "connected" | "reconnecting";

export interface HubLinkEvents {
  state(state: LinkState): void;
  /** After every successful (re)connect. */
  connected(): Promise<void> | void;
  /** When the connection drops or stops. */
  disconnected(): void;
}

export class HubLink {
  private wanted = false;
  private looping = false;
  private everConnected = false;
  private wake: (() => void) | null = null;

  constructor(
    private readonly hub: HubLike,
    private readonly events: HubLinkEvents,
    private readonly delay: (attempt: number) => number = backoffDelay,
  ) {
    hub.onreconnecting(() => {
      events.disconnected();
      events.state("reconnecting");
    });
    hub.onreconnected(() => this.reportConnected());
    hub.onclose(() => {
      events.disconnected();
      if (this.wanted) {
        void this.startLoop();
      } else {
        events.state("idle");
      }
    });
  }

  get isWanted(): boolean {
    return this.wanted;
  }

  start(): void {
    if (this.wanted) {
      return;
    }
    this.wanted = true;
    void this.startLoop();
  }

  async stop(): Promise<void> {
    this.wanted = false;
    this.wake?.();
    await this.hub.stop();
  }

  /** Stops and starts again, e.g. to follow another conversation. */
  async restart(): Promise<void> {
    await this.stop();
    this.start();
  }

  private async startLoop(): Promise<void> {
    if (this.looping) {
      return;
    }
    this.looping = true;
    try {
      for (let attempt = 0; this.wanted; attempt++) {
        this.events.state(this.everConnected || attempt > 0 ? "reconnecting" : "connecting");
        try {
          await this.hub.start();
        } catch {
          await this.sleep(this.delay(attempt));
          continue;
        }
        if (this.wanted) {
          this.reportConnected();
        } else {
          await this.hub.stop();
        }
        return;
      }
    } finally {
      this.looping = false;
    }
  }

  private reportConnected(): void {
    this.everConnected = true;
    this.events.state("connected");
    void this.events.connected();
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const handle = setTimeout(() => {
        this.wake = null;
        resolve();
      }, ms);
      this.wake = () => {
        clearTimeout(handle);
        this.wake = null;
        resolve();
      };
    });
  }
}
