// Presence: my status (Online / Away / Offline) and my colleagues with their status and shift, live.

import type { AgentPresence, AgentStatus } from "@chat/shared/contracts";
import type { ConsoleContext } from "./context";
import { el, Listeners } from "./dom";
import type { ErrorLine } from "./error-line";

export interface ColleaguesElements {
  list: HTMLUListElement;
  myStatus: HTMLSelectElement;
}

export class ColleaguesPanel {
  private readonly listeners = new Listeners();
  private agents = new Map<string, AgentPresence>();

  constructor(
    private readonly context: ConsoleContext,
    private readonly elements: ColleaguesElements,
    private readonly errors: ErrorLine,
  ) {
    this.listeners.on(elements.myStatus, "change", this.onStatus);
  }

  stop(): void {
    this.listeners.stop();
  }

  async load(): Promise<void> {
    const presence = await this.context.hub.invoke("GetPresence");
    this.agents = new Map(presence.agents.map((agent) => [agent.login, agent]));
    this.render();
  }

  /** A colleague as the console names them: "Мария Смирнова (m.smirnova)", or the login of someone not listed. */
  nameOf(login: string): string {
    const agent = this.agents.get(login);
    return agent ? `${agent.displayName} (${login})` : login;
  }

  /** Every colleague the console knows, the signed-in agent among them. */
  list(): AgentPresence[] {
    return Array.from(this.agents.values());
  }

  /** PresenceChanged: the agent's full state, so a repeat is harmless. */
  changed(agent: AgentPresence): void {
    this.agents.set(agent.login, agent);
    this.render();
  }

  render(): void {
    const texts = this.context.texts();
    const statusText: Record<AgentStatus, string> = { Online: texts.statusOnline, Away: texts.statusAway, Offline: texts.statusOffline };
    this.elements.list.replaceChildren(
      ...Array.from(this.agents.values())
        .sort((a, b) => a.displayName.localeCompare(b.displayName))
        .map((agent) => {
          const status = agent.connected ? statusText[agent.status] : texts.statusOffline;
          const item = el("li", `${agent.displayName} — ${status}, ${agent.onShift ? texts.onShift : texts.offShift}`);
          item.dataset.available = String(agent.available);
          item.dataset.login = agent.login;
          return item;
        }),
    );
  }

  private readonly onStatus = (): void => {
    void this.errors.run(() => this.context.hub.invoke("SetStatus", this.elements.myStatus.value as AgentStatus));
  };
}
