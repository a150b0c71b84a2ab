import type { PublicPolicy } from "@chat/shared/contracts";
import { hubFailure } from "@chat/shared/errors";
import { describe, expect, it } from "vitest";
import { checkCallBack, checkIdentify, checkOffline, zonedInstant } from "../src/forms";
import { contactChoices, routeTopic } from "../src/topics";

describe("hubFailure", () => {
  it("reads the code, the human text and every field of a validation refusal", () => {
    const error = new Error(
      "An unexpected error occurred invoking 'Identify' on the server. HubException: account_required: Give the account's name or ID. [fields: accountNameOrId=account_required, phone=invalid_phone]",
    );
    expect(hubFailure(error)).toEqual({
      code: "account_required",
      text: "Give the account's name or ID.",
      fields: { accountNameOrId: "account_required", phone: "invalid_phone" },
    });
  });

  it("keeps the server's words of a refusal without fields", () => {
    const failure = hubFailure(new Error("HubException: callback_not_allowed: Your tariff has e-mail and chat: no call-back."));
    expect(failure).toEqual({ code: "callback_not_allowed", text: "Your tariff has e-mail and chat: no call-back.", fields: {} });
  });

  it("leaves out fields with codes it does not know and says null for a call that got no answer", () => {
    expect(hubFailure(new Error("HubException: invalid_phone: Bad. [fields: phone=invalid_phone, x=unknown_code]"))?.fields).toEqual({ phone: "invalid_phone" });
    expect(hubFailure(new Error("Cannot send data if the connection is not in the 'Connected' State."))).toBeNull();
  });
});

describe("form checks", () => {
  it("the offline form needs a text and a phone or an e-mail", () => {
    expect(checkOffline({ text: " ", email: "", phone: "" })).toEqual({ text: "empty_message", contact: "contact_required" });
    expect(checkOffline({ text: "Hi", email: "a@b.example", phone: "" })).toEqual({});
    expect(checkOffline({ text: "x".repeat(4001), email: "", phone: "+7 916 123-45-67" })).toEqual({ text: "message_too_long" });
  });

  it("shows each malformed contact beside its field", () => {
    expect(checkIdentify({ accountNameOrId: "Ромашка", phone: "12-ab", email: "not-mail" })).toEqual({ phone: "invalid_phone", email: "invalid_email" });
    expect(checkIdentify({ accountNameOrId: "", phone: "8 916 123-45-67", email: "" })).toEqual({ accountNameOrId: "account_required" });
    expect(checkIdentify({ accountNameOrId: "a".repeat(101), phone: "", email: "a@b.example" })).toEqual({ accountNameOrId: "account_too_long" });
  });

  it("the call-back window must end after it starts", () => {
    expect(checkCallBack({ phone: "+7 916 123-45-67", date: "2026-11-30", from: "10:00", to: "11:00" })).toEqual({});
    expect(checkCallBack({ phone: "", date: "", from: "12:00", to: "11:00" })).toEqual({ phone: "invalid_phone", date: "invalid_window", to: "invalid_window" });
  });

  it("turns a Moscow wall-clock time into UTC", () => {
    expect(zonedInstant("2026-11-30", "10:00", "Europe/Moscow")).toBe("2026-11-30T07:00:00.000Z");
    expect(zonedInstant("2026-07-01", "10:00", "Europe/Berlin")).toBe("2026-07-01T08:00:00.000Z");
  });
});

describe("topics and channels", () => {
  const policy = {
    tariffs: [
      { key: "business", label: "Business", channels: ["Chat", "CallBack"], contactBy: ["Phone", "Email"] },
      { key: "start", label: "Start", channels: ["Chat"], contactBy: ["Email"] },
    ],
  } as unknown as PublicPolicy;

  it("answers a redirected topic in the widget and starts the visitor's question with any other", () => {
    expect(routeTopic({ key: "api", label: "API", redirect: true, redirectMessage: "Write to support@example.com" })).toEqual({
      kind: "answer",
      text: "Write to support@example.com",
    });
    expect(routeTopic({ key: "prices", label: "Prices", redirect: false, redirectMessage: null })).toEqual({ kind: "chat", text: "Prices: " });
  });

  it("offers the contact methods some tariff allows", () => {
    expect(contactChoices(policy)).toEqual(["Phone", "Email"]);
    expect(contactChoices(null)).toEqual([]);
  });
});
