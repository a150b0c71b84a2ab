// The administrator's HTTP calls (docs/api.md): API keys and webhook subscriptions with their deliveries. The server
// lets only a session with the Admin role make them.

import {
  HubPaths,
  type ApiKeyInfo,
  type ApiKeyRequest,
  type CreatedApiKey,
  type CreatedWebhook,
  type WebhookDeliveryInfo,
  type WebhookInfo,
  type WebhookRequest,
} from "@chat/shared/contracts";
import { callJson } from "./api";

const keys = HubPaths.adminApiKeys;
const hooks = HubPaths.adminWebhooks;

export const adminApi = {
  apiKeys: () => callJson<ApiKeyInfo[]>(keys),
  createApiKey: (request: ApiKeyRequest) => callJson<CreatedApiKey>(keys, "POST", request),
  revokeApiKey: (id: string) => callJson<ApiKeyInfo>(`${keys}/${id}`, "DELETE"),
  webhooks: () => callJson<WebhookInfo[]>(hooks),
  createWebhook: (request: WebhookRequest) => callJson<CreatedWebhook>(hooks, "POST", request),
  pauseWebhook: (id: string) => callJson<WebhookInfo>(`${hooks}/${id}/pause`, "POST"),
  resumeWebhook: (id: string) => callJson<WebhookInfo>(`${hooks}/${id}/resume`, "POST"),
  deleteWebhook: (id: string) => callJson<WebhookInfo>(`${hooks}/${id}`, "DELETE"),
  deliveries: (id: string) => callJson<WebhookDeliveryInfo[]>(`${hooks}/${id}/deliveries?limit=50`),
  redeliver: (id: string, eventId: string) => callJson<WebhookDeliveryInfo>(`${hooks}/${id}/deliveries/${eventId}/redeliver`, "POST"),
};

export type AdminApi = typeof adminApi;
