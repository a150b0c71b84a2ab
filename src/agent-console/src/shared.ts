// What the console shares with the widget: the wire types and the delivery logic live in one place.

export { ConversationClient, type ConversationListener, type ConversationTransport, type ReadMarks } from "../../../client-widget/src/conversation";
export { apiError, ApiError, hubErrorCode, type ErrorCode } from "../../../client-widget/src/errors";
export { HubLink, type LinkState } from "../../../client-widget/src/hub-link";
export { errorText, type Language } from "../../../client-widget/src/i18n";
export { MessageList } from "../../../client-widget/src/message-list";
export { ReadReporter } from "../../../client-widget/src/read-reporter";
export { safeHref } from "../../../client-widget/src/linkify";
export { fetchPolicy, type PolicyTopic } from "../../../client-widget/src/policy";
export { TypingNotifier, TypingWatch } from "../../../client-widget/src/typing";
export { Outbox } from "../../../client-widget/src/outbox";
export {
  paths,
  type AgentProfile,
  type ChatMessage,
  type ConversationSummary,
  type PageVisit,
  type ReadMark,
  type ResumeResult,
  type SendResult,
  type TypingState,
  type VisitorDetails,
} from "../../../client-widget/src/protocol";
export { reconnectForever } from "../../../client-widget/src/backoff";
export { memoryStore, safeStore, type KeyValueStore } from "../../../client-widget/src/storage";
