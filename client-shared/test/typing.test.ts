import { beforeEach, describe, expect, it } from "vitest";
import type { TypingState } from "../src/contracts";
import { TypingNotifier, TypingWatch } from "../src/typing";
import { conversationId, fakeClock, message } from "./helpers";

describe("TypingNotifier", () => {
  let clock: ReturnType<typeof fakeClock>;
  let sent: boolean[];
  let notifier: TypingNotifier;

  beforeEach(() => {
    clock = fakeClock();
    sent = [];
    notifier = new TypingNotifier((isTyping) => sent.push(isTyping), clock.timer, clock.now);
  });

  it("sends true on the first keystroke and not again within 3 s", () => {
    notifier.input("З");
    clock.advance(1000);
    notifier.input("Зд");
    clock.advance(1999);
    notifier.input("Здр");
    expect(sent).toEqual([true]);
  });

  it("repeats true every 3 s while the visitor goes on typing", () => {
    for (let ms = 0; ms <= 7000; ms += 500) {
      notifier.input("x".repeat(ms / 500 + 1));
      clock.advance(500);
    }
    expect(sent).toEqual([true, true, true]);
  });

  it("sends false after 5 s without typing, once", () => {
    notifier.input("Вопрос");
    clock.advance(4999);
    expect(sent).toEqual([true]);
    clock.advance(1);
    expect(sent).toEqual([true, false]);
    clock.advance(10_000);
    expect(sent).toEqual([true, false]);
  });

  it("counts every keystroke as activity for the idle timer", () => {
    notifier.input("a");
    clock.advance(4000);
    notifier.input("ab");
    clock.advance(4000);
    expect(sent).toEqual([true, true]);
    clock.advance(1000);
    expect(sent).toEqual([true, true, false]);
  });

  it("sends false when the box is cleared and true again when typing resumes", () => {
    notifier.input("a");
    notifier.input("");
    notifier.input("b");
    expect(sent).toEqual([true, false, true]);
  });

  it("sends false on send and leaves no idle timer behind", () => {
    notifier.input("Здравствуйте");
    notifier.stop();
    expect(sent).toEqual([true, false]);
    expect(clock.pending).toBe(0);
    clock.advance(10_000);
    expect(sent).toEqual([true, false]);
  });

  it("sends nothing for a stop or a cleared box when no true went out", () => {
    notifier.stop();
    notifier.input("   ");
    expect(sent).toEqual([]);
  });
});

describe("TypingWatch", () => {
  let clock: ReturnType<typeof fakeClock>;
  let shown: (readonly string[])[];
  let watch: TypingWatch;

  const agent = (name: string, isTyping: boolean): TypingState => ({ conversationId, sender: "Agent", name, isTyping });

  beforeEach(() => {
    clock = fakeClock();
    shown = [];
    watch = new TypingWatch("Agent", (names) => shown.push(names), clock.timer);
  });

  it("shows an agent who types and hides them after 6 s without a fresh true", () => {
    watch.update(agent("Пётр Петров", true));
    expect(shown).toEqual([["Пётр Петров"]]);
    clock.advance(5999);
    expect(watch.names).toEqual(["Пётр Петров"]);
    clock.advance(1);
    expect(shown).toEqual([["Пётр Петров"], []]);
  });

  it("keeps showing while fresh trues arrive, without redrawing", () => {
    watch.update(agent("Пётр Петров", true));
    clock.advance(5000);
    watch.update(agent("Пётр Петров", true));
    clock.advance(5000);
    expect(watch.names).toEqual(["Пётр Петров"]);
    expect(shown).toHaveLength(1);
    clock.advance(1000);
    expect(watch.names).toEqual([]);
  });

  it("hides an agent on false", () => {
    watch.update(agent("Пётр Петров", true));
    watch.update(agent("Пётр Петров", false));
    expect(shown).toEqual([["Пётр Петров"], []]);
    expect(clock.pending).toBe(0);
  });

  it("hides an agent when their message is shown, and only theirs", () => {
    watch.update(agent("Пётр Петров", true));
    watch.update(agent("Мария Смирнова", true));
    watch.shown(message(2, { sender: "Agent", senderName: "Мария Смирнова" }));
    expect(watch.names).toEqual(["Пётр Петров"]);
    watch.shown(message(3, { sender: "Visitor", senderName: "Пётр Петров" }));
    expect(watch.names).toEqual(["Пётр Петров"]);
    watch.shown(message(4, { sender: "Agent", senderName: "Пётр Петров" }));
    expect(shown.at(-1)).toEqual([]);
  });

  it("ignores the typing of other senders and a false for someone not shown", () => {
    watch.update({ conversationId, sender: "Visitor", name: "Ольга", isTyping: true });
    watch.update(agent("Пётр Петров", false));
    expect(shown).toEqual([]);
  });

  it("forgets everyone on clear", () => {
    watch.update(agent("Пётр Петров", true));
    watch.clear();
    expect(shown.at(-1)).toEqual([]);
    expect(clock.pending).toBe(0);
  });
});
