// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from "vitest";
import { InboxPanel } from "../src/inbox-panel";
import { context, conversationId, FakeHub, me, otherConversationId, pageElement, summary, testIds } from "./console";

function panel(list = [summary()]) {
  const hub = new FakeHub({ GetInbox: () => list });
  const nav = pageElement("nav");
  const elements = { queue: pageElement("ul", nav), queueCount: pageElement("span", nav), mine: pageElement("ul", nav), mineCount: pageElement("span", nav), empty: pageElement("p", nav) };
  let selected: string | null = null;
  const picked: string[] = [];
  const alerts: string[][] = [];
  const inbox = new InboxPanel(context(hub), elements, { selected: () => selected, select: (id) => picked.push(id), alert: (title, body) => alerts.push([title, body]) });
  return { inbox, elements, picked, alerts, onScreen: (id: string | null) => (selected = id) };
}

const names = (list: HTMLElement) => testIds(list, "inbox-item").map((item) => item.querySelector(".inbox-item__name")!.textContent);

describe("InboxPanel", () => {
  afterEach(() => document.body.replaceChildren());

  it("puts unassigned chats in the queue and mine in my section, most recent first, with their counts", async () => {
    const { inbox, elements } = panel([
      summary({ id: "a", visitorName: "Анна", updatedAt: "2026-11-25T09:00:00+00:00" }),
      summary({ id: "b", visitorName: "Борис", updatedAt: "2026-11-25T10:00:00+00:00" }),
      summary({ id: "c", visitorName: "Вера", assignedTo: me.login }),
      summary({ id: "d", visitorName: "Чужой", assignedTo: "m.smirnova" }),
    ]);
    await inbox.load();

    expect(names(elements.queue)).toEqual(["Борис", "Анна"]);
    expect(names(elements.mine)).toEqual(["Вера"]);
    expect([elements.queueCount.textContent, elements.mineCount.textContent]).toEqual(["2", "1"]);
    expect(elements.empty.hidden).toBe(true);
  });

  it("marks a conversation with unseen messages, except the one on screen, and opens one on a click", async () => {
    const { inbox, elements, picked, onScreen } = panel([summary(), summary({ id: otherConversationId, visitorName: "Борис", lastSequence: 3 })]);
    await inbox.load();
    inbox.seen(conversationId, 1);
    onScreen(conversationId);
    inbox.render();

    const [other, current] = testIds(elements.queue, "inbox-item");
    expect(other!.classList.contains("inbox-item--unread")).toBe(true);
    expect(other!.querySelector(".sr-only")!.textContent).toBe(", новые сообщения");
    expect(current!.classList.contains("inbox-item--unread")).toBe(false);
    expect(current!.getAttribute("aria-current")).toBe("true");
    other!.click();
    expect(picked).toEqual([otherConversationId]);
  });

  it("announces a new chat in the queue, not one already known, taken or closed, and drops a closed one", async () => {
    const { inbox, elements, alerts } = panel([]);
    await inbox.load();
    expect(elements.empty.hidden).toBe(false);
    inbox.update(summary());
    inbox.update(summary({ lastSequence: 2 }));
    inbox.update(summary({ id: otherConversationId, visitorName: "Борис", assignedTo: me.login }));
    inbox.update(summary({ lastSequence: 3, status: "Closed" }));

    expect(alerts).toEqual([["Новый чат в очереди", "Анна"]]);
    expect(names(elements.queue)).toEqual([]);
    expect(names(elements.mine)).toEqual(["Борис"]);
  });

  it("marks an e-mail conversation as mail and announces a new one in the queue as a mail", async () => {
    const { inbox, elements, alerts } = panel([summary()]);
    await inbox.load();
    inbox.update(summary({ id: otherConversationId, visitorName: "Борис", channel: "email", lastText: "Счёт за ноябрь", updatedAt: "2026-11-25T10:00:00+00:00" }));

    const [mail, chat] = testIds(elements.queue, "inbox-item");
    expect(mail!.querySelector(".inbox-item__text")!.textContent).toBe("Письмо Счёт за ноябрь");
    expect(mail!.querySelector(".inbox-item__channel")!.textContent).toBe("Письмо");
    expect(chat!.querySelector(".inbox-item__channel")).toBeNull();
    expect(alerts).toEqual([["Новое письмо в очереди", "Борис"]]);
  });

  it("keeps the keyboard focus on the same conversation when the list is redrawn", async () => {
    const { inbox, elements } = panel([summary(), summary({ id: otherConversationId, visitorName: "Борис", updatedAt: "2026-11-25T10:00:00+00:00" })]);
    await inbox.load();
    testIds(elements.queue, "inbox-item")[1]!.focus();
    inbox.update(summary({ id: otherConversationId, visitorName: "Борис", lastSequence: 2, updatedAt: "2026-11-25T08:00:00+00:00" }));
    expect((document.activeElement as HTMLElement).dataset.conversationId).toBe(conversationId);
  });

  it("leaves nothing of the agent's inbox on the page after signing out", async () => {
    const { inbox, elements } = panel([summary(), summary({ id: otherConversationId, assignedTo: me.login })]);
    await inbox.load();
    inbox.stop();
    expect(testIds(elements.queue, "inbox-item")).toHaveLength(0);
    expect(testIds(elements.mine, "inbox-item")).toHaveLength(0);
  });
});
