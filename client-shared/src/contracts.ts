// Generated from src/Chat.Contracts and the hubs by tests/Chat.Tests/Protocol/TypeScriptContracts.cs: do not edit.
// After changing a contract or a hub, regenerate it (from the repository root):
//   CHAT_WRITE_CONTRACTS=1 dotnet test tests/Chat.Tests --filter "Area=Protocol&FullyQualifiedName~TypeScriptContracts"
// JSON members are camelCase and enums travel as their names. `| null` is a nullable member; `?:` a member whose
// constructor parameter has a default, which a client may leave out.

export const ApiScopes = {
  conversationsRead: "conversations:read",
  messagesWrite: "messages:write",
  accountsManage: "accounts:manage",
  staffRead: "staff:read",
  handoffsRead: "handoffs:read",
  handoffsWrite: "handoffs:write",
  queueRead: "queue:read",
  reportsRead: "reports:read",
} as const;

export const ErrorCodes = {
  emptyMessage: "empty_message",
  messageTooLong: "message_too_long",
  invalidArgument: "invalid_argument",
  conversationNotFound: "conversation_not_found",
  forbidden: "forbidden",
  unauthenticated: "unauthenticated",
  invalidToken: "invalid_token",
  invalidIdentityToken: "invalid_identity_token",
  invalidCredentials: "invalid_credentials",
  contactRequired: "contact_required",
  queuedItemNotFound: "queued_item_not_found",
  rateLimited: "rate_limited",
  serverFull: "server_full",
  forbiddenOrigin: "forbidden_origin",
  lockedOut: "locked_out",
  accountRequired: "account_required",
  accountTooLong: "account_too_long",
  invalidPhone: "invalid_phone",
  invalidEmail: "invalid_email",
  invalidCharacters: "invalid_characters",
  invalidWindow: "invalid_window",
  notIdentified: "not_identified",
  callBackNotAllowed: "callback_not_allowed",
  handoffNotFound: "handoff_not_found",
  invalidTransition: "invalid_transition",
  conversationClosed: "conversation_closed",
  staffNotFound: "staff_not_found",
  notAssignee: "not_assignee",
  attachmentNotFound: "attachment_not_found",
  attachmentTooLarge: "attachment_too_large",
  unsupportedAttachment: "unsupported_attachment",
  unknownMethod: "unknown_method",
  protocolError: "protocol_error",
  notClosed: "not_closed",
  internal: "internal_error",
  invalidApiKey: "invalid_api_key",
  insufficientScope: "insufficient_scope",
  idempotencyKeyReused: "idempotency_key_reused",
  unknownField: "unknown_field",
  payloadTooLarge: "payload_too_large",
  accountNotFound: "account_not_found",
  accountExists: "account_exists",
  apiKeyNotFound: "api_key_not_found",
  webhookNotFound: "webhook_not_found",
  webhookUrlRefused: "webhook_url_refused",
} as const;

export const HubPaths = {
  visitor: "/hubs/visitor",
  agent: "/hubs/agent",
  visitorSessions: "/api/visitor/sessions",
  agentSignIn: "/api/agent/sign-in",
  agentSignOut: "/api/agent/sign-out",
  agentMe: "/api/agent/me",
  adminAccounts: "/api/admin/accounts",
  adminStaff: "/api/admin/staff",
  adminKeyHeader: "X-Admin-Key",
  adminApiKeys: "/api/admin/api-keys",
  adminWebhooks: "/api/admin/webhooks",
  api: "/api/v1",
  idempotencyKeyHeader: "Idempotency-Key",
} as const;

export const PolicyPaths = {
  public: "/api/policy/public",
} as const;

export const WebhookEvents = {
  messageStored: "message.stored",
  handoffCreated: "handoff.created",
  handoffAdvanced: "handoff.advanced",
  conversationAssigned: "conversation.assigned",
  conversationClosed: "conversation.closed",
  offlineRequestOverdue: "offline_request.overdue",
  ratingReceived: "rating.received",
} as const;

export const WebhookHeaders = {
  id: "webhook-id",
  timestamp: "webhook-timestamp",
  signature: "webhook-signature",
} as const;

/** /hubs/visitor: what a client may call, with the arguments and the result (the promise's value). */
export interface VisitorHubMethods {
  Resume(afterSequence: number): ResumeResult;
  SendMessage(send: VisitorSend): SendResult;
  Identify(request: IdentifyRequest): HandoffReceipt;
  RequestCallBack(request: CallBackRequest): HandoffReceipt;
  GetAvailability(): boolean;
  Typing(isTyping: boolean): void;
  MarkRead(sequence: number): number;
  PageViewed(page: PageView): void;
  GetHandoffState(): HandoffReceipt | null;
  GetCallBackState(): HandoffReceipt | null;
  Rate(rating: RatingRequest): RatingResult;
  GetRatingState(): RatingState;
  LeaveOfflineMessage(message: OfflineMessage): OfflineMessageResult;
}

/** /hubs/visitor: the events the server sends (IVisitorClient). */
export interface VisitorHubEvents {
  MessageReceived(message: ChatMessage): void;
  HandoffUpdated(update: HandoffUpdate): void;
  AvailabilityChanged(online: boolean): void;
  TypingChanged(typing: TypingState): void;
  ReadUpTo(mark: ReadMark): void;
  RatingAsked(state: RatingState): void;
}

/** /hubs/agent: what a client may call, with the arguments and the result (the promise's value). */
export interface AgentHubMethods {
  GetInbox(): ConversationSummary[];
  OpenConversation(conversationId: string, afterSequence: number): ResumeResult;
  LeaveConversation(conversationId: string): void;
  SendMessage(send: AgentSend): SendResult;
  AddNote(note: NoteRequest): ConversationNote;
  GetNotes(conversationId: string): ConversationNote[];
  GetEmailThread(conversationId: string): EmailThread | null;
  CloseConversation(request: CloseRequest): ClosedConversation;
  TransferConversation(request: TransferRequest): ConversationSummary;
  Typing(typing: TypingRequest): void;
  MarkRead(read: ReadRequest): number;
  GetVisitorDetails(conversationId: string): VisitorDetails;
  RedirectConversation(request: RedirectRequest): SendResult;
  GetSavedAnswers(language: string | null): SavedAnswer[];
  GetCompanyLoad(conversationId: string): CompanyLoad | null;
  GetHandoffs(): HandoffCard[];
  GetHandoff(handoffId: string): HandoffCard;
  AcknowledgeHandoff(handoffId: string): HandoffCard;
  MarkHandoffRead(handoffId: string): HandoffCard;
  AcceptHandoff(handoffId: string): HandoffCard;
  RecordContact(record: ContactRecord): HandoffCard;
  HandOffConversation(request: AgentHandoffRequest): HandoffCard;
  SetStatus(status: AgentStatus): AgentPresence | null;
  GetPresence(): PresenceSnapshot;
  AcknowledgeDelivery(itemId: string): void;
  GetDueItems(): DueItem[];
  GetReports(request: ReportRequest): ReportSet;
  SendLongerWorkNotice(itemId: string): SendResult;
}

/** /hubs/agent: the events the server sends (IAgentClient). */
export interface AgentHubEvents {
  MessageReceived(message: ChatMessage): void;
  ConversationRated(rating: ConversationRating): void;
  ConversationUpdated(conversation: ConversationSummary): void;
  HandoffReceived(card: HandoffCard): void;
  HandoffStatusChanged(change: HandoffStatusChange): void;
  PresenceChanged(agent: AgentPresence): void;
  VisitorPresenceChanged(visitor: VisitorPresence): void;
  NoteAdded(note: ConversationNote): void;
  QueuedItemDelivered(item: QueuedItem): void;
  TypingChanged(typing: TypingState): void;
  ReadUpTo(mark: ReadMark): void;
  VisitorPageViewed(visit: PageVisit): void;
  EmailStateChanged(state: EmailState): void;
  WebhookPaused(webhook: WebhookInfo): void;
}

export interface AccountDetails {
  id: string;
  name: string;
  company: string | null;
  tariff: string;
  manager: string | null;
  dedicatedManager: string | null;
  phones: string[];
  emails: string[];
  updatedAt: string;
}

export interface AccountRow {
  id: string | null;
  name: string | null;
  company: string | null;
  tariff: string | null;
  manager: string | null;
  dedicatedManager: string | null;
  phones: string[] | null;
  emails: string[] | null;
}

export interface AgentHandoffRequest {
  clientRequestId: string;
  conversationId: string;
  accountNameOrId: string | null;
  phone: string | null;
  email: string | null;
  topic: string | null;
}

export interface AgentPresence {
  login: string;
  displayName: string;
  department: string;
  status: AgentStatus;
  connected: boolean;
  onShift: boolean;
  available: boolean;
}

export interface AgentProfile {
  login: string;
  displayName: string;
  role: string;
  department: string;
}

export interface AgentSend {
  conversationId: string;
  clientMessageId: string;
  text: string;
  attachmentIds?: string[] | null;
}

export interface AgentSignInRequest {
  login: string;
  password: string;
}

export type AgentStatus = "Online" | "Away" | "Offline";

export interface ApiKeyInfo {
  id: string;
  name: string;
  staffLogin: string;
  scopes: string[];
  createdAt: string;
  createdBy: string;
  revokedAt: string | null;
}

export interface ApiKeyRequest {
  name: string;
  staffLogin: string;
  scopes: string[];
}

export interface AttachmentRef {
  id: string;
  fileName: string;
  contentType: string;
  size: number;
  url: string;
}

export interface CallBackRequest {
  clientRequestId: string;
  phone: string | null;
  from: string;
  to: string;
  topic: string | null;
}

export interface ChatMessage {
  conversationId: string;
  sequence: number;
  id: string;
  clientMessageId: string;
  sender: SenderKind;
  senderName: string;
  text: string;
  sentAt: string;
  attachments?: AttachmentRef[] | null;
}

export interface CloseRequest {
  conversationId: string;
  preparationMinutes: number | null;
}

export interface ClosedConversation {
  conversation: ConversationSummary;
  handlingMinutes: number;
  preparationMinutes: number;
  company: string | null;
}

export interface CompanyLoad {
  company: string;
  weekStart: string;
  requests: number;
  minutes: number;
  referToTraining: boolean;
  trainingDepartment: string;
}

export interface CompanyWeek {
  company: string;
  weekStart: string;
  requests: number;
  handlingMinutes: number;
  preparationMinutes: number;
  totalMinutes: number;
  referToTraining: boolean;
}

export type ContactChannel = "Chat" | "Email" | "Phone" | "CallBack";

export type ContactMethod = "Email" | "Phone";

export interface ContactRecord {
  handoffId: string;
  method: ContactMethod;
}

export interface ConversationNote {
  id: string;
  conversationId: string;
  authorLogin: string;
  authorName: string;
  text: string;
  createdAt: string;
}

export interface ConversationPage {
  items: ConversationSummary[];
  nextCursor: string | null;
}

export interface ConversationRating {
  conversationId: string;
  score: number;
  comment: string | null;
  ratedAt: string;
  agentLogin: string | null;
}

export type ConversationStatus = "Open" | "Closed";

export interface ConversationSummary {
  id: string;
  visitorName: string;
  status: ConversationStatus;
  lastSequence: number;
  lastText: string | null;
  updatedAt: string;
  assignedTo: string | null;
  department?: string | null;
  topic?: string | null;
  channel?: string;
}

export interface CreatedApiKey {
  key: ApiKeyInfo;
  secret: string;
}

export interface CreatedWebhook {
  webhook: WebhookInfo;
  secret: string;
}

export interface DayFirstResponse {
  day: string;
  answered: number;
  p50Minutes: number | null;
  p90Minutes: number | null;
}

export type DayOfWeek = "Sunday" | "Monday" | "Tuesday" | "Wednesday" | "Thursday" | "Friday" | "Saturday";

export interface DueItem {
  id: string;
  kind: string;
  targetKind: QueueTargetKind;
  target: string;
  conversationId: string | null;
  visitorName: string | null;
  state: QueuedItemState;
  dueAt: string;
  overdue: boolean;
  noticeSentAt: string | null;
}

export type EmailSendState = "Queued" | "Sent" | "Failed";

export interface EmailState {
  conversationId: string;
  messageId: string;
  status: EmailSendState;
  error?: string | null;
}

export interface EmailThread {
  conversationId: string;
  subject: string | null;
  states: EmailState[];
}

export interface FirstResponseReport {
  answered: number;
  unanswered: number;
  p50Minutes: number | null;
  p90Minutes: number | null;
  days: DayFirstResponse[];
}

export interface HandoffCard {
  id: string;
  conversationId: string;
  kind: HandoffKind;
  status: HandoffStatus;
  verified: boolean;
  identityVerified: boolean;
  accountGiven: string;
  accountId: string | null;
  accountName: string | null;
  company: string | null;
  tariff: string | null;
  assignedTo: string | null;
  pool: string | null;
  phone: string | null;
  email: string | null;
  preferredChannel: ContactMethod | null;
  topic: string | null;
  contactOnFile: boolean;
  contactWarning: boolean;
  callBackFrom: string | null;
  callBackTo: string | null;
  handedOffBy: string | null;
  contactedBy: ContactMethod | null;
  createdAt: string;
  updatedAt: string;
  transcript: ChatMessage[];
}

export type HandoffKind = "Identification" | "AgentInitiated" | "CallBack";

export interface HandoffOutcome {
  status: HandoffStatus;
  count: number;
}

export interface HandoffReceipt {
  handoffId: string;
  status: HandoffStatus;
  contactBy: ContactMethod[];
  message: string;
  duplicate: boolean;
}

export interface HandoffReport {
  total: number;
  outcomes: HandoffOutcome[];
  p50MinutesToContact: number | null;
  p90MinutesToContact: number | null;
}

export type HandoffStatus = "Relayed" | "Delivered" | "Read" | "Accepted" | "Contacted";

export interface HandoffStatusChange {
  handoffId: string;
  conversationId: string;
  status: HandoffStatus;
  by: string;
  at: string;
}

export interface HandoffStatusRequest {
  status: HandoffStatus;
  method?: ContactMethod | null;
}

export interface HandoffUpdate {
  handoffId: string;
  status: HandoffStatus;
  message: string;
}

export interface HourLoad {
  hour: number;
  conversations: number;
}

export interface IdentifyRequest {
  clientRequestId: string;
  accountNameOrId: string | null;
  phone: string | null;
  email: string | null;
  preferredChannel: ContactMethod | null;
  topic: string | null;
}

export interface ImportResult {
  rows: number;
  inserted: number;
  updated: number;
  unchanged: number;
  errors: ImportRowError[];
}

export interface ImportRowError {
  line: number;
  field: string;
  message: string;
}

export interface NoteRequest {
  conversationId: string;
  clientNoteId: string;
  text: string;
}

export type OfficeReason = "open" | "closed-hours" | "closed-day" | "holiday";

export interface OfflineMessage {
  clientMessageId: string;
  text: string;
  email: string | null;
  phone: string | null;
}

export interface OfflineMessageResult {
  message: ChatMessage;
  requestId: string;
  answerBy: string;
  notice: string;
}

export interface OverdueRequest {
  itemId: string;
  conversationId: string | null;
  kind: string;
  target: string;
  arrivedAt: string;
  dueAt: string;
  answeredAt: string | null;
}

export interface PageView {
  url: string | null;
  title: string | null;
}

export interface PageVisit {
  conversationId: string;
  url: string;
  title: string | null;
  viewedAt: string;
}

export interface PostMessageRequest {
  text: string;
}

export interface PresenceSnapshot {
  agents: AgentPresence[];
  visitors: VisitorPresence[];
}

export interface PublicContacts {
  sharedMailbox: string;
  communityUrl: string;
  supportEmail: string | null;
  supportSubject: string;
}

export interface PublicHours {
  open: string;
  close: string;
  workingDays: DayOfWeek[];
}

export interface PublicPolicy {
  online: boolean;
  reason: OfficeReason;
  nextOpenAt: string | null;
  timeZone: string;
  language: string;
  languages: string[];
  hours: PublicHours;
  topics: PublicTopic[];
  tariffs: PublicTariff[];
  contacts: PublicContacts;
  texts: PublicTexts;
}

export interface PublicTariff {
  key: string;
  label: string;
  channels: ContactChannel[];
  contactBy: ContactMethod[];
}

export interface PublicTexts {
  greeting: string;
  askIfClient: string;
  askAccount: string;
  handoffByEmail: string;
  handoffByPhone: string;
  handoffByPhoneOrEmail: string;
  offline: string;
  noAnswer: string;
  timeZone: string;
  conversationClosed: string;
}

export interface PublicTopic {
  key: string;
  label: string;
  redirect: boolean;
  redirectMessage: string | null;
}

export type QueueTargetKind = "Staff" | "Pool";

export interface QueuedItem {
  id: string;
  kind: string;
  targetKind: QueueTargetKind;
  target: string;
  conversationId: string | null;
  payload: string;
  createdAt: string;
  dueAt: string;
  attempt: number;
}

export type QueuedItemState = "Queued" | "Delivered" | "Acknowledged";

export interface RatingReport {
  count: number;
  average: number | null;
  distribution: number[];
}

export interface RatingRequest {
  score: number;
  comment: string | null;
}

export interface RatingResult {
  rating: ConversationRating;
  duplicate: boolean;
}

export interface RatingState {
  asked: boolean;
  rating: ConversationRating | null;
}

export interface ReadMark {
  conversationId: string;
  reader: SenderKind;
  sequence: number;
}

export interface ReadRequest {
  conversationId: string;
  sequence: number;
}

export interface RedirectRequest {
  conversationId: string;
  clientMessageId: string;
  topic: string | null;
}

export interface ReportRequest {
  from: string;
  to: string;
  channel?: string | null;
  department?: string | null;
  manager?: string | null;
  company?: string | null;
}

export interface ReportSet {
  request: ReportRequest;
  timeZone: string;
  firstResponse: FirstResponseReport;
  sameDay: SameDayReport;
  handoffs: HandoffReport;
  consultations: CompanyWeek[];
  ratings: RatingReport;
  load: HourLoad[];
}

export interface ResumeResult {
  conversationId: string;
  lastSequence: number;
  messages: ChatMessage[];
  readByVisitor?: number;
  readByAgent?: number;
}

export interface SameDayReport {
  total: number;
  kept: number;
  overdue: number;
  pending: number;
  keptShare: number | null;
  overdueRequests: OverdueRequest[];
}

export interface SavedAnswer {
  id: string;
  shortcut: string;
  title: string;
  text: string;
}

export interface SendResult {
  message: ChatMessage;
  duplicate: boolean;
}

export type SenderKind = "Visitor" | "Agent" | "System";

export interface StaffDetails {
  login: string;
  name: string;
  department: string;
  role: string;
  shiftStart: string;
  shiftEnd: string;
  active: boolean;
}

export interface StaffRow {
  login: string | null;
  name: string | null;
  department: string | null;
  role: string | null;
  shiftStart: string | null;
  shiftEnd: string | null;
  active: boolean | null;
  password?: string | null;
}

export interface TransferRequest {
  conversationId: string;
  toLogin: string | null;
  toDepartment: string | null;
}

export interface TypingRequest {
  conversationId: string;
  isTyping: boolean;
}

export interface TypingState {
  conversationId: string;
  sender: SenderKind;
  name: string;
  isTyping: boolean;
  login?: string | null;
}

export interface VisitorDetails {
  conversationId: string;
  visitorName: string;
  language: string;
  startedAt: string;
  online: boolean;
  pages: PageVisit[];
  rating: ConversationRating | null;
  email: string | null;
}

export interface VisitorPresence {
  conversationId: string;
  visitorName: string;
  online: boolean;
}

export interface VisitorSend {
  clientMessageId: string;
  text: string;
}

export interface VisitorSession {
  token: string;
  conversationId: string;
  expiresAt: string;
  expiresIn: number;
}

export interface VisitorSessionRequest {
  name: string | null;
  language: string | null;
  token: string | null;
  identityToken?: string | null;
}

export interface WebhookDeliveryInfo {
  eventId: string;
  event: string;
  conversationId: string | null;
  occurredAt: string;
  status: string;
  attempts: number;
  lastStatusCode: number | null;
  lastError: string | null;
  lastAttemptAt: string;
}

export interface WebhookInfo {
  id: string;
  url: string;
  events: string[];
  description: string | null;
  status: string;
  consecutiveFailures: number;
  lastError: string | null;
  createdAt: string;
  createdBy: string;
  pausedAt: string | null;
}

export interface WebhookRequest {
  url: string;
  events: string[];
  description?: string | null;
}
