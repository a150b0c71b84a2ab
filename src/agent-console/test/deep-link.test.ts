// @vitest-environment happy-dom
import type { HandoffCard } from "@chat/shared/contracts";
import { settle } from "@chat/shared/testing";
import { afterEach, describe, expect, it } from "vitest";
import { DeepLink } from "../src/links";
import { card, context, FakeHub, refused, type Answers } from "./console";

function link(answers: Answers, hash: string, connected = true) {
  window.location.hash = hash;
  const hub = new FakeHub(answers);
  const error = document.createElement("p");
  const opened: HandoffCard[] = [];
  let online = connected;
  const deepLink = new DeepLink(context(hub), error, { connected: () => online, open: (c) => opened.push(c) });
  return { hub, deepLink, error, opened, connect: () => (online = true) };
}

const changeHash = (hash: string) => {
  window.location.hash = hash;
  window.dispatchEvent(new HashChangeEvent("hashchange"));
};

describe("DeepLink", () => {
  afterEach(() => {
    window.location.hash = "";
  });

  it("opens the linked handoff once connected, and only the first time", async () => {
    const { hub, deepLink, opened, error } = link({ GetHandoff: (id) => card({ id }) }, `#handoff=${card().id}`);
    await deepLink.connected();
    await deepLink.connected();
    expect(hub.args("GetHandoff")).toEqual([[card().id]]);
    expect(opened.map((c) => c.id)).toEqual([card().id]);
    expect(error.textContent).toBe("");
    deepLink.stop();
  });

  it("tells another manager the handoff is not theirs, and says a link is unknown or malformed", async () => {
    const forbidden = link({ GetHandoff: () => refused("forbidden") }, `#handoff=${card().id}`);
    await forbidden.deepLink.connected();
    expect(forbidden.error.textContent).toBe("Эта передача адресована другому сотруднику: открыть её может только адресат или руководитель.");
    expect(forbidden.opened).toEqual([]);
    forbidden.deepLink.stop();

    const unknown = link({ GetHandoff: () => refused("handoff_not_found") }, `#handoff=${card().id}`);
    await unknown.deepLink.connected();
    expect(unknown.error.textContent).toBe("Передача по этой ссылке не найдена.");
    unknown.deepLink.stop();

    const malformed = link({}, "#handoff=not-an-id");
    await malformed.deepLink.connected();
    expect(malformed.error.textContent).toBe("Передача по этой ссылке не найдена.");
    expect(malformed.hub.calls).toEqual([]);
    malformed.deepLink.clear();
    expect(malformed.error.textContent).toBe("");
    malformed.deepLink.stop();
  });

  it("follows a new link in the address at once while connected, and after the next connect otherwise", async () => {
    const { hub, deepLink, connect } = link({ GetHandoff: (id) => card({ id }) }, "", false);
    await deepLink.connected();
    changeHash(`#handoff=${card().id}`);
    await settle();
    expect(hub.calls).toEqual([]);
    connect();
    await deepLink.connected();
    expect(hub.args("GetHandoff")).toEqual([[card().id]]);

    changeHash(`#handoff=${card({ id: "0193b000-0000-7000-8000-000000000002" }).id}`);
    await settle();
    expect(hub.args("GetHandoff")).toHaveLength(2);
    deepLink.stop();
  });
});
