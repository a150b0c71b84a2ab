// What the panels' tests share: a recording agent hub, a console context around it, the page's elements and data.

import type {
  AgentHubMethods,
  AgentPresence,
  AgentProfile,
  ConversationNote,
  ConversationSummary,
  DueItem,
  HandoffCard,
  VisitorDetails,
} from "@chat/shared/contracts";
import type { Language } from "@chat/shared/error-texts";
import { conversationId, hubError } from "@chat/shared/testing";
import type { ConsoleContext } from "../src/context";
import type { ConversationsElements } from "../src/conversations";
import { ErrorLine } from "../src/error-line";
import type { AgentHub } from "../src/hub";
import { consoleTexts } from "../src/i18n";

type Method = keyof AgentHubMethods;
type Answer<K extends Method> = (...args: Parameters<AgentHubMethods[K]>) => ReturnType<AgentHubMethods[K]> | Promise<ReturnType<AgentHubMethods[K]>>;

/** How the fake server answers each method; a method without an answer is refused with internal_error. */
export type Answers = { [K in Method]?: Answer<K> };

/** The agent hub as the panels see it: every call is recorded, in order, and answered from `answers`. */
export class FakeHub implements AgentHub {
  readonly calls: { method: Method; args: unknown[] }[] = [];

  constructor(readonly answers: Answers = {}) {}

  invoke<K extends Method>(method: K, ...args: Parameters<AgentHubMethods[K]>): Promise<ReturnType<AgentHubMethods[K]>> {
    this.calls.push({ method, args });
    const answer = this.answers[method] as Answer<K> | undefined;
    return answer ? Promise.resolve().then(() => answer(...args)) : Promise.reject(hubError("internal_error"));
  }

  async send<K extends Method>(method: K, ...args: Parameters<AgentHubMethods[K]>): Promise<void> {
    this.calls.push({ method, args });
  }

  on(): void {}

  /** The arguments of every call of `method`. */
  args<K extends Method>(method: K): Parameters<AgentHubMethods[K]>[] {
    return this.calls.filter((call) => call.method === method).map((call) => call.args as Parameters<AgentHubMethods[K]>);
  }

  /** The methods called, in order. */
  get methods(): Method[] {
    return this.calls.map((call) => call.method);
  }
}

/** A refusal as the SignalR client reports it. */
export function refused(code: string): never {
  throw hubError(code);
}

export const me: AgentProfile = { login: "m.petrov", displayName: "Пётр Петров", role: "Manager", department: "managers" };

export function context(hub: FakeHub, language: () => Language = () => "ru", profile: AgentProfile = me): ConsoleContext {
  return { hub, me: profile, language, texts: () => consoleTexts(language()) };
}

/** An error paragraph and the ErrorLine that writes into it. */
export function errorLine(language: () => Language = () => "ru"): { element: HTMLElement; line: ErrorLine } {
  const element = document.createElement("p");
  return { element, line: new ErrorLine(element, language) };
}

/** Creates an element of the page, attached to the document (a form submits only when connected). */
export function pageElement<K extends keyof HTMLElementTagNameMap>(tag: K, parent: HTMLElement = document.body): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  parent.append(element);
  return element;
}

/** The middle column's elements, on the page. */
export function conversationElements(replyForm: HTMLFormElement = pageElement("form")): ConversationsElements {
  return {
    title: pageElement("h2"),
    leave: pageElement("button"),
    pick: pageElement("p"),
    transcript: pageElement("div"),
    replyForm,
    typing: pageElement("p"),
    state: pageElement("p"),
    actions: pageElement("fieldset"),
  };
}

export function submit(form: HTMLFormElement): void {
  form.dispatchEvent(new SubmitEvent("submit", { cancelable: true }));
}

export const testIds = (root: ParentNode, id: string): HTMLElement[] => Array.from(root.querySelectorAll<HTMLElement>(`[data-testid="${id}"]`));

export const testId = (root: ParentNode, id: string): HTMLElement => {
  const element = root.querySelector<HTMLElement>(`[data-testid="${id}"]`);
  if (!element) {
    throw new Error(`Nothing has data-testid="${id}".`);
  }
  return element;
};

export const texts = (elements: readonly Element[]): string[] => elements.map((element) => element.textContent ?? "");

export { conversationId };

export const otherConversationId = "0193a000-0000-7000-8000-000000000002";

export function card(overrides: Partial<HandoffCard> = {}): HandoffCard {
  return {
    id: "0193b000-0000-7000-8000-000000000001",
    conversationId,
    kind: "Identification",
    status: "Relayed",
    verified: true,
    identityVerified: false,
    accountGiven: "ромашка",
    accountId: "10001",
    accountName: "Ромашка",
    company: "ООО «Ромашка»",
    tariff: "business",
    assignedTo: me.login,
    pool: null,
    phone: "+79161234567",
    email: null,
    preferredChannel: null,
    topic: "Счёт на оплату",
    contactOnFile: true,
    contactWarning: false,
    callBackFrom: null,
    callBackTo: null,
    handedOffBy: null,
    contactedBy: null,
    createdAt: "2026-11-25T09:00:00+00:00",
    updatedAt: "2026-11-25T09:00:00+00:00",
    transcript: [],
    ...overrides,
  };
}

export function dueItem(overrides: Partial<DueItem> = {}): DueItem {
  return {
    id: "0193c000-0000-7000-8000-000000000001",
    kind: "offline-request",
    targetKind: "Pool",
    target: "call-centre",
    conversationId,
    visitorName: "Анна",
    state: "Delivered",
    dueAt: "2026-11-25T16:00:00+00:00",
    overdue: false,
    noticeSentAt: null,
    ...overrides,
  };
}

export function agent(overrides: Partial<AgentPresence> = {}): AgentPresence {
  return { login: "m.smirnova", displayName: "Мария Смирнова", department: "managers", status: "Online", connected: true, onShift: true, available: true, ...overrides };
}

export function summary(overrides: Partial<ConversationSummary> = {}): ConversationSummary {
  return {
    id: conversationId,
    visitorName: "Анна",
    status: "Open",
    lastSequence: 1,
    lastText: "Здравствуйте",
    updatedAt: "2026-11-25T09:00:00+00:00",
    assignedTo: null,
    ...overrides,
  };
}

export function note(overrides: Partial<ConversationNote> = {}): ConversationNote {
  return {
    id: "0193d000-0000-7000-8000-000000000001",
    conversationId,
    authorLogin: me.login,
    authorName: me.displayName,
    text: "Перезвонить после обеда",
    createdAt: "2026-11-25T09:30:00+00:00",
    ...overrides,
  };
}

export function visitorDetails(overrides: Partial<VisitorDetails> = {}): VisitorDetails {
  return { conversationId, visitorName: "Анна", language: "ru", startedAt: "2026-11-25T09:00:00+00:00", online: true, pages: [], rating: null, email: null, ...overrides };
}
