// The wire types of docs/protocol.md: the camelCase JSON of src/Chat.Contracts.

export type SenderKind = "Visitor" | "Agent" | "System";

export interface ChatMessage {
  conversationId: string;
  sequence: number;
  id: string;
  clientMessageId: string;
  sender: SenderKind;
  senderName: string;
  text: string;
  sentAt: string;
  /** Files an agent attached (screenshots, PDFs); absent when there are none. */
  attachments?: AttachmentRef[] | null;
}

export interface AttachmentRef {
  id: string;
  fileName: string;
  contentType: string;
  size: number;
  url: string;
}

export interface ResumeResult {
  conversationId: string;
  lastSequence: number;
  messages: ChatMessage[];
  /** The visitor has read the agents' messages up to this sequence. */
  readByVisitor?: number;
  /** The agents have read the visitor's messages up to this sequence. */
  readByAgent?: number;
}

export interface TypingState {
  conversationId: string;
  sender: SenderKind;
  name: string;
  isTyping: boolean;
  /** The typing agent's login; only the agent hub sends it. */
  login?: string | null;
}

export interface ReadMark {
  conversationId: string;
  reader: SenderKind;
  sequence: number;
}

export interface PageView {
  url: string;
  title: string | null;
}

export interface PageVisit {
  conversationId: string;
  url: string;
  title: string | null;
  viewedAt: string;
}

export interface VisitorDetails {
  conversationId: string;
  visitorName: string;
  language: string;
  startedAt: string;
  online: boolean;
  pages: PageVisit[];
}

export interface SendResult {
  message: ChatMessage;
  duplicate: boolean;
}

export interface VisitorSession {
  token: string;
  conversationId: string;
  expiresAt: string;
}

export interface VisitorSessionRequest {
  name?: string;
  language?: string;
  token?: string;
}

export type ConversationStatus = "Open" | "Closed";

export interface ConversationSummary {
  id: string;
  visitorName: string;
  status: ConversationStatus;
  lastSequence: number;
  lastText: string | null;
  updatedAt: string;
  assignedTo?: string | null;
  department?: string | null;
  /** The policy topic the visitor's latest recognised message is about. */
  topic?: string | null;
}

export interface AgentProfile {
  login: string;
  displayName: string;
  role: string;
  department: string;
}

export const paths = {
  visitorHub: "/hubs/visitor",
  agentHub: "/hubs/agent",
  visitorSessions: "/api/visitor/sessions",
  agentSignIn: "/api/agent/sign-in",
  agentSignOut: "/api/agent/sign-out",
  agentMe: "/api/agent/me",
} as const;

export interface OfflineMessageRequest {
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

export interface IdentifyRequest {
  clientRequestId: string;
  accountNameOrId: string;
  phone: string | null;
  email: string | null;
  preferredChannel: "Phone" | "Email" | null;
  topic: string | null;
}

export interface CallBackRequest {
  clientRequestId: string;
  phone: string;
  from: string;
  to: string;
  topic: string | null;
}

export interface HandoffReceipt {
  handoffId: string;
  status: string;
  contactBy: ("Phone" | "Email")[];
  message: string;
  duplicate: boolean;
}

export interface HandoffUpdate {
  handoffId: string;
  status: string;
  message: string;
}
