// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from "vitest";
import { Notifications } from "../src/notifications";

function fakeNotification(permission: NotificationPermission) {
  const shown: [string, NotificationOptions | undefined][] = [];
  const requests: number[] = [];
  const Fake = Object.assign(
    function (title: string, options?: NotificationOptions) {
      shown.push([title, options]);
    },
    { permission, requestPermission: async () => void requests.push(1) },
  );
  vi.stubGlobal("Notification", Fake);
  return { shown, requests };
}

const inBackground = (hidden: boolean) => vi.spyOn(document, "visibilityState", "get").mockReturnValue(hidden ? "hidden" : "visible");

describe("Notifications", () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.restoreAllMocks();
  });

  it("notifies of a new handoff while the tab is in the background", () => {
    const { shown } = fakeNotification("granted");
    inBackground(true);
    new Notifications().alert("Новая передача", "Ромашка");
    expect(shown).toEqual([["Новая передача", { body: "Ромашка" }]]);
  });

  it("stays quiet while the agent is looking at the console", () => {
    const { shown } = fakeNotification("granted");
    inBackground(false);
    new Notifications().alert("Новая передача", "Ромашка");
    expect(shown).toEqual([]);
  });

  it("stays quiet without the browser's permission", () => {
    const { shown } = fakeNotification("denied");
    inBackground(true);
    new Notifications().alert("Новая передача", "Ромашка");
    expect(shown).toEqual([]);
  });

  it("asks for permission on the first click in the console only, and not after signing out", () => {
    const { requests } = fakeNotification("default");
    const notifications = new Notifications();
    notifications.start();
    document.body.click();
    document.body.click();
    expect(requests).toEqual([1]);

    const later = new Notifications();
    later.start();
    later.stop();
    document.body.click();
    expect(requests).toEqual([1]);
  });
});
