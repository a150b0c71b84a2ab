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
