// @vitest-environment happy-dom
import { settle } from "@chat/shared/testing";
import { describe, expect, it } from "vitest";
import { ColleaguesPanel } from "../src/colleagues";
import { agent, context, errorLine, FakeHub, refused, texts, type Answers } from "./console";

function panel(answers: Answers) {
  const hub = new FakeHub(answers);
  const myStatus = document.createElement("select");
  for (const status of ["Online", "Away", "Offline"]) {
    const option = document.createElement("option");
    option.value = status;
    myStatus.append(option);
  }
  const elements = { list: document.createElement("ul"), myStatus };
  const errors = errorLine();
  return { hub, colleagues: new ColleaguesPanel(context(hub), elements, errors.line), elements, error: errors.element };
}

const choose = (select: HTMLSelectElement, value: string) => {
  select.value = value;
  select.dispatchEvent(new Event("change"));
};

describe("ColleaguesPanel", () => {
  it("lists the colleagues by name with their status and shift, a disconnected one as offline", async () => {
    const { colleagues, elements } = panel({
      GetPresence: () => ({
        agents: [agent(), agent({ login: "cc.ivanova", displayName: "Анна Иванова", status: "Away", onShift: false, available: false }), agent({ login: "s.orlov", displayName: "Сергей Орлов", connected: false, available: false })],
        visitors: [],
      }),
    });
    await colleagues.load();

    const items = Array.from(elements.list.children) as HTMLElement[];
    expect(texts(items)).toEqual(["Анна Иванова — Отошёл, вне смены", "Мария Смирнова — На месте, на смене", "Сергей Орлов — Не в сети, на смене"]);
    expect(items.map((item) => [item.dataset.login, item.dataset.available])).toEqual([
      ["cc.ivanova", "false"],
      ["m.smirnova", "true"],
      ["s.orlov", "false"],
    ]);
  });

  it("follows presence changes live", async () => {
    const { colleagues, elements } = panel({ GetPresence: () => ({ agents: [agent()], visitors: [] }) });
    await colleagues.load();
    colleagues.changed(agent({ status: "Away", available: false }));
    colleagues.changed(agent({ login: "s.orlov", displayName: "Сергей Орлов" }));
    expect(texts(Array.from(elements.list.children))).toEqual(["Мария Смирнова — Отошёл, на смене", "Сергей Орлов — На месте, на смене"]);
  });

  it("sets my status when I pick one, and says when the server refuses", async () => {
    const { hub, elements, error } = panel({ SetStatus: () => null });
    choose(elements.myStatus, "Away");
    await settle();
    expect(hub.args("SetStatus")).toEqual([["Away"]]);
    expect(error.textContent).toBe("");

    hub.answers.SetStatus = () => refused("invalid_argument");
    choose(elements.myStatus, "Offline");
    await settle();
    expect(error.textContent).toBe("Запрос не удалось обработать.");
  });

  it("stops listening to the status control when signed out", async () => {
    const { hub, colleagues, elements } = panel({ SetStatus: () => null });
    colleagues.stop();
    choose(elements.myStatus, "Away");
    await settle();
    expect(hub.calls).toEqual([]);
  });
});
