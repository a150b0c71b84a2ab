import { beforeEach, describe, expect, it } from "vitest";
import type { ChatMessage } from "../src/contracts";
import { ReadReporter } from "../src/read-reporter";
import { message, settle } from "./helpers";

describe("ReadReporter", () => {
  let sent: number[];
  let fail: boolean;
  let reporter: ReadReporter;
  // message(n): odd sequences are the visitor's, even ones an agent's.
  const upTo = (n: number): ChatMessage[] => Array.from({ length: n }, (_, i) => message(i + 1));

  beforeEach(() => {
    sent = [];
    fail = false;
    reporter = new ReadReporter(async (sequence) => {
      sent.push(sequence);
      if (fail) {
        throw new Error("Cannot send data if the connection is not in the 'Connected' State.");
      }
      return sequence;
    }, "Agent");
  });

  it("reports the last shown sequence once an agent message is on screen", async () => {
    reporter.read(upTo(2));
    await settle();
    expect(sent).toEqual([2]);
  });

  it("sends one call for a whole batch of shown messages", async () => {
    for (let n = 1; n <= 6; n++) {
      reporter.read(upTo(n));
    }
    await settle();
    expect(sent).toEqual([6]);
  });

  it("does not call when nothing new from an agent was shown", async () => {
    reporter.read(upTo(1));
    await settle();
    reporter.read(upTo(2));
    await settle();
    reporter.read(upTo(2));
    reporter.read(upTo(3));
    await settle();
    expect(sent).toEqual([2]);
  });

  it("does not report what the server already has from Resume or another tab", async () => {
    reporter.known(4);
    reporter.read(upTo(5));
    await settle();
    expect(sent).toEqual([]);
    reporter.read(upTo(6));
    await settle();
    expect(sent).toEqual([6]);
  });

  it("tries again at the next look after a failed call", async () => {
    fail = true;
    reporter.read(upTo(2));
    await settle();
    fail = false;
    reporter.read(upTo(2));
    await settle();
    expect(sent).toEqual([2, 2]);
  });

  it("starts from nothing for another conversation", async () => {
    reporter.read(upTo(2));
    await settle();
    reporter.reset();
    reporter.read(upTo(2));
    await settle();
    expect(sent).toEqual([2, 2]);
  });

  it("on the console's side reports the agents' reading only past a visitor message", async () => {
    const agents = new ReadReporter(async (sequence) => {
      sent.push(sequence);
      return sequence;
    }, "Visitor");
    agents.known(1);
    agents.read(upTo(2));
    await settle();
    expect(sent).toEqual([]);
    agents.read(upTo(3));
    await settle();
    expect(sent).toEqual([3]);
  });
});
