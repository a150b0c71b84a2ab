// Bootstrap: reads the <script> tag, builds the view inside a shadow root and wires the session,
// the hub connection and the conversation together. The only global is `window.chatWidget`.

import type { ChatMessage, VisitorHubEvents } from "@chat/shared/contracts";
import { ConversationClient } from "@chat/shared/conversation";
import { errorText } from "@chat/shared/error-texts";
import { HubLink } from "@chat/shared/hub-link";
import { sameId } from "@chat/shared/ids";
import { Outbox } from "@chat/shared/outbox";
import { fetchPolicy } from "@chat/shared/policy";
import { ReadReporter } from "@chat/shared/read-reporter";
import { safeStore } from "@chat/shared/storage";
import { subscribe } from "@chat/shared/typed-hub";
import { TypingNotifier, TypingWatch } from "@chat/shared/typing";
import { readConfig, type WidgetConfig } from "./config";
import { createVisitorHub, visitorCalls, visitorTransport } from "./connection";
import { VisitorFeatures } from "./features";
import { texts } from "./i18n";
import { RatingPrompt } from "./rating";
import { SessionManager } from "./session";
import { WidgetView } from "./ui";
import { UnreadCounter } from "./unread";

declare global {
  interface Window {
    chatWidget?: { open(): void; close(): void };
  }
}

const script = document.currentScript instanceof HTMLScriptElement ? document.currentScript : null;

function start(config: WidgetConfig): WidgetView {
  const store = safeStore(() => window.localStorage);
  const tabStore = safeStore(() => window.sessionStorage);
  const keyPrefix = `chat-widget:${config.server}`;
  const openKey = `${keyPrefix}:open`;
  const words = texts(config.language);

  const session = new SessionManager({ server: config.server, language: config.language, store, fetch: (url, init) => fetch(url, init) });
  const unread = new UnreadCounter(store, `${keyPrefix}:read`);
  const hub = createVisitorHub(config.server, session, config.debug);
  const calls = visitorCalls(hub);
  let conversation: ConversationClient;
  const reporter = new ReadReporter((sequence) => calls.markRead(sequence), "Agent");
  const typing = new TypingNotifier((isTyping) => {
    if (isConnected) {
      calls.typing(isTyping).catch(() => undefined);
    }
  });
  const agentsTyping = new TypingWatch("Agent", (names) => view.setTyping(names));
  const followed = (id: string) => conversation.transcript.conversationId !== null && sameId(id, conversation.transcript.conversationId);

  // While the latest message is the policy's close notice, the visitor is offered a new conversation (writing reopens this one).
  let closedNotice: string | null = null;
  let latest: ChatMessage | null = null;
  const isClosed = () => latest !== null && latest.sender === "System" && latest.text === closedNotice;
  const offerNewConversation = () => view.offerNewConversation(isClosed());
  /** Whether to ask for a rating is the server's to say: after every (re)connect, and live in `RatingAsked` once the close is stored. */
  const askRating = () => calls.ratingState().then((state) => rating.restore(state), () => undefined);
  /** A new conversation (the visitor's or another tab's): nothing of the previous one's close, topic, handoff or rating stays. */
  const conversationGone = () => {
    latest = null;
    offerNewConversation();
    features.newConversation();
    rating.reset();
  };

  /** The visitor has the conversation in sight: nothing is unread, and the agents learn how far it was read. */
  const markRead = () => {
    const { conversationId, lastSequence, messages } = conversation.transcript;
    if (conversationId !== null) {
      unread.markRead(conversationId, lastSequence);
      if (document.visibilityState === "visible") {
        reporter.read(messages);
      }
    }
    view.setUnread(0);
  };

  const view = new WidgetView(document, config, words, {
    opened() {
      tabStore.setItem(openKey, "1");
      markRead();
      link.start();
    },
    submitted(text) {
      const outcome = conversation.send(text);
      if (!outcome.queued) {
        view.showError(errorText(config.language, outcome.code));
        return false;
      }
      typing.stop();
      view.showEmptyHint();
      link.start();
      return true;
    },
    typed: (text) => typing.input(text),
    newConversation() {
      session.forget();
      conversationGone();
      void link.restart();
    },
  });

  conversation = new ConversationClient(
    visitorTransport(hub),
    {
      shown(message) {
        view.messages.shown(message);
        agentsTyping.shown(message);
        view.showEmptyHint();
        latest = message;
        offerNewConversation();
        if (message.sender === "Visitor") {
          features.topicsDone();
        }
        if (view.isOpen && document.visibilityState === "visible") {
          markRead();
        } else {
          unread.seenWhileClosed(message);
          view.setUnread(unread.unread);
        }
      },
      pending(entry) {
        view.messages.pending(entry);
        view.showEmptyHint();
        view.offerNewConversation(false);
        rating.reset();
        features.topicsDone();
      },
      rejected(entry, code) {
        view.messages.rejected(entry, errorText(config.language, code));
      },
      reset() {
        view.messages.clear();
        agentsTyping.clear();
        reporter.reset();
        unread.reset();
        view.setUnread(0);
        view.showEmptyHint();
        conversationGone();
      },
      readMarks(marks) {
        view.messages.markRead(marks.readByAgent);
        reporter.known(marks.readByVisitor);
      },
    },
    { outbox: new Outbox(store, `${keyPrefix}:outbox`) },
  );

  // The forms call the hub once it is connected; the link is started by the first of them if the chat is not open.
  let isConnected = false;
  let pageViewed = false;
  const waiting: (() => void)[] = [];
  const whenConnected = <T>(call: () => Promise<T>): Promise<T> => {
    link.start();
    return (isConnected ? Promise.resolve() : new Promise<void>((resolve) => waiting.push(resolve))).then(call);
  };
  const features = new VisitorFeatures(document, words, (code) => errorText(config.language, code), {
    leaveOfflineMessage: (request) => whenConnected(() => calls.leaveOfflineMessage(request)),
    identify: (request) => whenConnected(() => calls.identify(request)),
    requestCallBack: (request) => whenConnected(() => calls.requestCallBack(request)),
    compose: (text) => view.compose(text),
    modeChanged: (online) => view.setLive(online),
  });
  const rating = new RatingPrompt(document, words, (code) => errorText(config.language, code), (request) => whenConnected(() => calls.rate(request)));
  view.notices.append(features.element);
  view.prompts.append(features.topicsElement, rating.element);

  const link = new HubLink(hub, {
    state: (state) => view.setConnection(state),
    connected: () => {
      isConnected = true;
      waiting.splice(0).forEach((resolve) => resolve());
      calls.availability().then((online) => features.setOnline(online), () => undefined);
      calls.handoffState().then((receipt) => features.restoreHandoff(receipt), () => undefined);
      calls.callBackState().then((receipt) => features.restoreCallBack(receipt), () => undefined);
      void askRating();
      if (!pageViewed) {
        pageViewed = true;
        calls.pageViewed({ url: location.href, title: document.title || null }).catch(() => undefined);
      }
      return conversation.connected();
    },
    disconnected: () => {
      isConnected = false;
      conversation.disconnected();
    },
  });
  subscribe<VisitorHubEvents>(hub, {
    MessageReceived: (message) => conversation.received(message),
    HandoffUpdated: (update) => features.handoffUpdated(update),
    AvailabilityChanged: (online) => features.setOnline(online),
    TypingChanged: (state) => {
      if (followed(state.conversationId)) {
        agentsTyping.update(state);
      }
    },
    RatingAsked: (state) => rating.restore(state),
    ReadUpTo: (mark) => {
      if (!followed(mark.conversationId)) {
        return;
      }
      if (mark.reader === "Agent") {
        view.messages.markRead(mark.sequence);
      } else if (mark.reader === "Visitor") {
        reporter.known(mark.sequence);
        if (mark.sequence >= conversation.transcript.lastSequence) {
          markRead();
        }
      }
    },
  });
  void fetchPolicy(config.server, config.language, (url, init) => fetch(url, init)).then((policy) => {
    if (policy) {
      view.setGreeting(policy.texts.greeting);
      view.setHours(policy.hours.open, policy.hours.close, policy.texts.timeZone);
      features.setPolicy(policy);
      closedNotice = policy.texts.conversationClosed;
      offerNewConversation();
    }
  });

  // Keep the token fresh while the page is open, so a long visit never meets an expired one.
  const renew = () => {
    if (session.stored()) {
      session.current().catch(() => undefined).finally(schedule);
    }
  };
  const schedule = () => window.setTimeout(renew, Math.min(Math.max(session.renewalDueIn(), 60_000), 2 ** 31 - 1));

  // Another tab replaced the session (its token was refused): follow the new conversation.
  window.addEventListener("storage", (event) => {
    const followed = conversation.transcript.conversationId;
    if (event.key === session.key && link.isWanted && followed !== null && session.stored()?.conversationId !== followed) {
      void link.restart();
    }
  });
  document.addEventListener("visibilitychange", () => {
    if (view.isOpen && document.visibilityState === "visible") {
      markRead();
    }
  });
  window.addEventListener("pagehide", () => {
    if (!view.isOpen) {
      tabStore.removeItem(openKey);
    }
  });

  view.mount();
  conversation.restore();
  view.showEmptyHint();
  if (tabStore.getItem(openKey) === "1") {
    view.open();
  }
  // A returning visitor reconnects at once to get replies; a new one gets a session when they open the chat.
  if (session.stored() || !view.messages.isEmpty) {
    link.start();
  }
  schedule();
  return view;
}

function boot(): void {
  if (window.chatWidget) {
    return;
  }
  let view: WidgetView | null = null;
  window.chatWidget = { open: () => view?.open(), close: () => view?.close() };
  const config = readConfig(
    script && { attribute: (name) => script.getAttribute(name), src: script.src || null },
    window.location.href,
    navigator.languages ?? [navigator.language],
  );
  if (document.body) {
    view = start(config);
  } else {
    document.addEventListener("DOMContentLoaded", () => (view = start(config)), { once: true });
  }
}

boot();
