// A SignalR connection seen through the generated contracts (contracts.ts): a hub's methods with their arguments and
// results, and its events with their payloads, so a renamed method, argument or member fails the type check.

/** Methods or events by name, each a function of its arguments (VisitorHubMethods, AgentHubEvents…). */
type Signatures<T> = { [K in keyof T]: (...args: never[]) => unknown };

/** The events of a hub: one handler per event name. */
export interface HubEvents<Events extends Signatures<Events>> {
  on<K extends keyof Events & string>(event: K, handler: Events[K]): void;
}

/** A hub connection (@microsoft/signalr's HubConnection is one) limited to what the contracts declare. */
export interface TypedHub<Methods extends Signatures<Methods>, Events extends Signatures<Events>> extends HubEvents<Events> {
  invoke<K extends keyof Methods & string>(method: K, ...args: Parameters<Methods[K]>): Promise<ReturnType<Methods[K]>>;
  send<K extends keyof Methods & string>(method: K, ...args: Parameters<Methods[K]>): Promise<void>;
}

/** Subscribes to every event of a hub at once: the handlers' map must name each event the contracts declare. */
export function subscribe<Events extends Signatures<Events>>(hub: HubEvents<Events>, handlers: Events): void {
  for (const event of Object.keys(handlers) as (keyof Events & string)[]) {
    hub.on(event, handlers[event]);
  }
}
