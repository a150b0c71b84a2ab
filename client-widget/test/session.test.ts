import { memoryStore } from "@chat/shared/storage";
import { describe, expect, it } from "vitest";
import { SessionManager } from "../src/session";

const server = "https://chat.example";
const day = 24 * 3600 * 1000;

function fakeServer(now: () => number) {
  const requests: Array<{ token?: string; language?: string }> = [];
  let issued = 0;
  let refuse = false;
  const fetch = async (url: string, init: RequestInit) => {
    expect(url).toBe(`${server}/api/visitor/sessions`);
    const body = JSON.parse(String(init.body)) as { token?: string; language?: string };
    requests.push(body);
    if (body.token && refuse) {
      return new Response(JSON.stringify({ code: "invalid_token", title: "expired" }), { status: 401 });
    }
    issued++;
    const conversationId = body.token ? "conv-1" : `conv-${issued}`;
    return new Response(JSON.stringify({ token: `token-${issued}`, conversationId, expiresAt: new Date(now() + day).toISOString(), expiresIn: day / 1000 }), { status: 200 });
  };
  return { fetch, requests, refuseTokens: () => (refuse = true) };
}

describe("SessionManager", () => {
  it("creates a session once and reuses the stored token across page loads", async () => {
    let now = Date.parse("2026-11-25T09:00:00Z");
    const store = memoryStore();
    const fake = fakeServer(() => now);
    const first = new SessionManager({ server, language: "ru", store, fetch: fake.fetch, now: () => now });
    expect(await first.token()).toBe("token-1");
    now += 1000;
    const reloaded = new SessionManager({ server, language: "ru", store, fetch: fake.fetch, now: () => now });
    expect(await reloaded.token()).toBe("token-1");
    expect(fake.requests).toEqual([{ language: "ru" }]);
  });

  it("shares one request between concurrent callers", async () => {
    const fake = fakeServer(Date.now);
    const sessions = new SessionManager({ server, language: "en", store: memoryStore(), fetch: fake.fetch });
    const tokens = await Promise.all([sessions.token(), sessions.token()]);
    expect(tokens).toEqual(["token-1", "token-1"]);
    expect(fake.requests).toHaveLength(1);
  });

  it("renews with the token past half its lifetime, keeping the conversation", async () => {
    let now = Date.parse("2026-11-25T09:00:00Z");
    const fake = fakeServer(() => now);
    const sessions = new SessionManager({ server, language: "ru", store: memoryStore(), fetch: fake.fetch, now: () => now });
    await sessions.token();
    now += day / 2 + 1;
    expect(await sessions.token()).toBe("token-2");
    expect(fake.requests[1]).toEqual({ token: "token-1", language: "ru" });
    expect(sessions.stored()?.conversationId).toBe("conv-1");
  });

  it("renews halfway through the lifetime the server gives even when the device's clock is a day and a half behind", async () => {
    let now = Date.parse("2026-11-25T09:00:00Z");
    const behind = 36 * 3600 * 1000;
    const fake = fakeServer(() => now + behind);
    const sessions = new SessionManager({ server, language: "ru", store: memoryStore(), fetch: fake.fetch, now: () => now });
    await sessions.token();
    now += day / 2 - 1000;
    expect(await sessions.token()).toBe("token-1");
    now += 2000;
    expect(await sessions.token()).toBe("token-2");
    expect(fake.requests[1]).toEqual({ token: "token-1", language: "ru" });
  });

  it("starts a new session when the server answers 401 invalid_token to a renewal", async () => {
    let now = Date.parse("2026-11-25T09:00:00Z");
    const fake = fakeServer(() => now);
    const sessions = new SessionManager({ server, language: "ru", store: memoryStore(), fetch: fake.fetch, now: () => now });
    await sessions.token();
    fake.refuseTokens();
    now += day;
    expect(await sessions.token()).toBe("token-2");
    expect(fake.requests.map((r) => r.token ?? null)).toEqual([null, "token-1", null]);
  });

  it("forgets a token the hub refused, but not one another tab has already replaced", async () => {
    const store = memoryStore();
    const fake = fakeServer(Date.now);
    const sessions = new SessionManager({ server, language: "ru", store, fetch: fake.fetch });
    await sessions.token();
    sessions.invalidate("some-older-token");
    expect(sessions.stored()?.token).toBe("token-1");
    sessions.invalidate("token-1");
    expect(sessions.stored()).toBeNull();
    expect(await sessions.token()).toBe("token-2");
  });

  it("keeps the current token when a renewal cannot reach the server", async () => {
    let now = Date.parse("2026-11-25T09:00:00Z");
    const fake = fakeServer(() => now);
    let offline = false;
    const fetch = (url: string, init: RequestInit) => (offline ? Promise.reject(new TypeError("Failed to fetch")) : fake.fetch(url, init));
    const sessions = new SessionManager({ server, language: "ru", store: memoryStore(), fetch, now: () => now });
    await sessions.token();
    offline = true;
    now += day / 2 + 1;
    expect(await sessions.token()).toBe("token-1");
  });
});
