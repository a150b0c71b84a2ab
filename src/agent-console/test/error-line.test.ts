// @vitest-environment happy-dom
import { describe, expect, it } from "vitest";
import { errorLine, refused } from "./console";

describe("ErrorLine", () => {
  it("clears an error once a call begun after it succeeds, never with a call that was already running", async () => {
    const { element, line } = errorLine();
    let finish = () => {};
    const running = line.run(() => new Promise<void>((resolve) => (finish = resolve)));
    await line.run(async () => refused("conversation_not_found"));
    finish();
    await running;
    expect(element.textContent).toBe("Диалог не найден.");

    await line.run(async () => undefined);
    expect(element.textContent).toBe("");
  });
});
