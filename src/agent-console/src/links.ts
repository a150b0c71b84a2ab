// Deep links into the console: `/console/#handoff=<id>` opens that handoff's conversation and card (after sign-in if
// needed).

import type { HandoffCard } from "@chat/shared/contracts";
import { errorText } from "@chat/shared/error-texts";
import type { ConsoleContext } from "./context";
import { failureCode } from "./error-line";

/** The handoff id of a `#handoff=<id>` deep link, "" for a malformed one, null when the address has none. */
export function linkedHandoff(hash: string): string | null {
  const match = /^#handoff=(.*)$/.exec(hash);
  if (!match) {
    return null;
  }
  let id: string;
  try {
    id = decodeURIComponent(match[1]!);
  } catch {
    return "";
  }
  return /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i.test(id) ? id : "";
}

export interface DeepLinkHost {
  connected(): boolean;
  /** Shows the handoff's conversation and card. */
  open(card: HandoffCard): void;
}

/** Opens the deep link once the hub is first connected, and again whenever the address changes. */
export class DeepLink {
  private opened = false;

  constructor(
    private readonly context: ConsoleContext,
    private readonly error: HTMLElement,
    private readonly host: DeepLinkHost,
  ) {
    window.addEventListener("hashchange", this.onHash);
  }

  stop(): void {
    window.removeEventListener("hashchange", this.onHash);
  }

  /** After a (re)connect: the link of the address, the first time. */
  async connected(): Promise<void> {
    if (!this.opened) {
      this.opened = true;
      await this.open();
    }
  }

  /** Another conversation was opened: the link's error no longer applies. */
  clear(): void {
    this.error.textContent = "";
  }

  private readonly onHash = (): void => {
    if (this.host.connected()) {
      void this.open();
    } else {
      this.opened = false;
    }
  };

  /** `#handoff=<id>` opens that handoff, or says why it cannot: only its addressee and supervisors may. */
  private async open(): Promise<void> {
    const id = linkedHandoff(window.location.hash);
    this.clear();
    if (id === null) {
      return;
    }
    const texts = this.context.texts();
    if (id === "") {
      this.error.textContent = texts.handoffNotFound;
      return;
    }
    try {
      this.host.open(await this.context.hub.invoke("GetHandoff", id));
    } catch (failure) {
      const code = failureCode(failure);
      this.error.textContent = code === "forbidden" ? texts.handoffForbidden : code === "handoff_not_found" ? texts.handoffNotFound : errorText(this.context.language(), code);
    }
  }
}
