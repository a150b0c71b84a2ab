// The console's HTTP calls: sign in (sets the HTTP-only cookie), sign out, who am I, attach a file.

import { HubPaths, type AgentProfile, type AgentSignInRequest, type AttachmentRef } from "@chat/shared/contracts";
import { apiError } from "@chat/shared/errors";

async function call(path: string, init: RequestInit): Promise<Response> {
  const response = await fetch(path, { credentials: "same-origin", ...init });
  if (!response.ok) {
    throw await apiError(response);
  }
  return response;
}

/** A JSON call of the console's session (an admin endpoint, say): the body sent as JSON, the answer read as JSON. */
export async function callJson<T>(path: string, method = "GET", body?: unknown): Promise<T> {
  const headers: Record<string, string> = { Accept: "application/json" };
  if (body !== undefined) {
    headers["Content-Type"] = "application/json";
  }
  const response = await call(path, { method, headers, body: body === undefined ? null : JSON.stringify(body) });
  return (await response.json()) as T;
}

export async function signIn(login: string, password: string): Promise<AgentProfile> {
  const response = await call(HubPaths.agentSignIn, {
    method: "POST",
    headers: { "Content-Type": "application/json", Accept: "application/json" },
    body: JSON.stringify({ login, password } satisfies AgentSignInRequest),
  });
  return (await response.json()) as AgentProfile;
}

export async function signOut(): Promise<void> {
  await call(HubPaths.agentSignOut, { method: "POST" });
}

/** The signed-in agent, or null when the cookie is missing or expired. */
export async function me(): Promise<AgentProfile | null> {
  const response = await fetch(HubPaths.agentMe, { credentials: "same-origin", headers: { Accept: "application/json" } });
  if (response.status === 401) {
    return null;
  }
  if (!response.ok) {
    throw await apiError(response);
  }
  return (await response.json()) as AgentProfile;
}

/** Stores a screenshot or a PDF for the next reply (the server checks its type and size). */
export async function uploadAttachment(file: File): Promise<AttachmentRef> {
  const form = new FormData();
  form.append("file", file);
  const response = await call("/api/agent/attachments", { method: "POST", body: form });
  return (await response.json()) as AttachmentRef;
}
