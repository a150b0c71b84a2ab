// The console-only wire types (docs/protocol.md, agent hub).

import type { ChatMessage } from "@chat/shared/protocol";

export type HandoffStatus = "Relayed" | "Delivered" | "Read" | "Accepted" | "Contacted";

export interface HandoffCard {
  id: string;
  conversationId: string;
  kind: string;
  status: HandoffStatus;
  verified: boolean;
  accountGiven: string;
  accountId: string | null;
  accountName: string | null;
  company: string | null;
  tariff: string | null;
  assignedTo: string | null;
  pool: string | null;
  phone: string | null;
  email: string | null;
  topic: string | null;
  contactWarning: boolean;
  contactedBy: string | null;
  createdAt: string;
  transcript: ChatMessage[];
}

export interface HandoffStatusChange {
  handoffId: string;
  conversationId: string;
  status: HandoffStatus;
  by: string;
  at: string;
}

export interface DueItem {
  id: string;
  kind: string;
  conversationId: string | null;
  visitorName: string | null;
  dueAt: string;
  overdue: boolean;
  noticeSentAt: string | null;
}

export interface QueuedItem {
  id: string;
}

export type AgentStatus = "Online" | "Away" | "Offline";

export interface AgentPresence {
  login: string;
  displayName: string;
  department: string;
  status: AgentStatus;
  connected: boolean;
  onShift: boolean;
  available: boolean;
}

export interface ConversationNote {
  id: string;
  conversationId: string;
  authorName: string;
  text: string;
  createdAt: string;
}

export interface SavedAnswer {
  id: string;
  shortcut: string;
  title: string;
  text: string;
}

export interface CompanyLoad {
  company: string;
  requests: number;
  minutes: number;
  referToTraining: boolean;
}

export interface AttachmentUpload {
  id: string;
  fileName: string;
}
