// @vitest-environment happy-dom
import type { AgentProfile, ReportSet } from "@chat/shared/contracts";
import { describe, expect, it } from "vitest";
import { consoleTexts } from "../src/i18n";
import { csvField, csvFileName, csvText } from "../src/reports/csv";
import { day, minutes, percent, weekOf } from "../src/reports/format";
import type { ReportCharts } from "../src/reports/loader";
import { ReportTables } from "../src/reports/tables";
import { periodValid, ReportsPanel, type ReportsElements } from "../src/reports/view";
import { agent, context, FakeHub, me, pageElement, refused, testId, testIds, texts, type Answers } from "./console";

const report: ReportSet = {
  request: { from: "2026-11-23", to: "2026-11-29", channel: null, department: null, manager: null, company: null },
  timeZone: "Europe/Moscow",
  firstResponse: { answered: 2, unanswered: 1, p50Minutes: 4, p90Minutes: 10, days: [{ day: "2026-11-23", answered: 1, p50Minutes: 4, p90Minutes: 4 }, { day: "2026-11-27", answered: 1, p50Minutes: 10, p90Minutes: 10 }] },
  sameDay: {
    total: 3,
    kept: 2,
    overdue: 1,
    pending: 0,
    keptShare: 0.6667,
    overdueRequests: [
      { itemId: "i1", conversationId: "c1", kind: "offline-request", target: "m.smirnova", arrivedAt: "2026-11-24T17:00:00Z", dueAt: "2026-11-25T16:00:00Z", answeredAt: null },
    ],
  },
  handoffs: { total: 1, outcomes: [{ status: "Relayed", count: 1 }, { status: "Contacted", count: 0 }], p50MinutesToContact: null, p90MinutesToContact: null },
  consultations: [{ company: "ООО «Ромашка»; филиал", weekStart: "2026-11-23", requests: 2, handlingMinutes: 14.5, preparationMinutes: 5, totalMinutes: 19.5, referToTraining: true }],
  ratings: { count: 2, average: 3.5, distribution: [0, 1, 0, 0, 1] },
  load: [{ hour: 10, conversations: 1 }],
};

describe("report CSV", () => {
  it("starts with a BOM, separates by semicolons, ends records with CRLF and quotes what needs it", () => {
    const text = csvText(["Компания", "Всего, мин"], [["ООО «Ромашка»; филиал", "4,5"], ['Он сказал "да"', "10"]]);

    expect(text).toBe('\uFEFFКомпания;Всего, мин\r\n"ООО «Ромашка»; филиал";4,5\r\n"Он сказал ""да""";10\r\n');
    expect(csvField("две\nстроки")).toBe('"две\nстроки"');
    expect(csvField("4,5")).toBe("4,5");
  });

  it("names the file after the table and the period", () => {
    expect(csvFileName("first-response", "2026-11-23", "2026-11-29")).toBe("reports-first-response-2026-11-23_2026-11-29.csv");
  });

  it("writes numbers in Russian without their unit, which the header names", () => {
    const tables = new ReportTables("ru", consoleTexts("ru"), { person: (login) => (login === "m.smirnova" ? "Мария Смирнова" : login) });
    const consultations = tables.consultations(report);

    expect(consultations.columns.map((c) => (c.unit ? `${c.title}, ${c.unit}` : c.title))).toEqual([
      "Компания",
      "Неделя",
      "Обращений",
      "Обработка, мин",
      "Подготовка, мин",
      "Всего, мин",
      "Рекомендовать обучение",
    ]);
    expect(consultations.rows[0]!.map((cell) => cell.csv)).toEqual(["ООО «Ромашка»; филиал", "2026-11-23", "2", "14,5", "5", "19,5", "да"]);
    expect(consultations.rows[0]!.map((cell) => cell.text)).toEqual(["ООО «Ромашка»; филиал", "пн, 23.11 — вс, 29.11", "2", "14,5 мин", "5 мин", "19,5 мин", "да"]);
    const overdue = tables.overdue(report).rows[0]!;
    expect(overdue.map((cell) => cell.text)).toEqual(["офлайн-заявка", "Мария Смирнова", "24.11, 20:00", "25.11, 19:00", "ещё нет", "Открыть диалог"]);
    expect(overdue[5]!.conversationId).toBe("c1");
  });
});

describe("report formatting", () => {
  it("writes minutes and shares the Russian way, a dash for nothing measured", () => {
    expect(minutes("ru", 4.5)).toBe("4,5 мин");
    expect(minutes("ru", 1250)).toBe("1250 мин");
    expect(minutes("ru", null)).toBe("—");
    expect(percent("ru", 0.6667).replace(/\s/g, " ")).toBe("66,7 %");
    expect(day("ru", "2026-11-27")).toBe("пт, 27.11");
  });

  it("takes the policy zone's week, Monday to Sunday", () => {
    expect(weekOf("Europe/Moscow", new Date("2026-11-29T20:59:00Z"))).toEqual({ from: "2026-11-23", to: "2026-11-29" });
    expect(weekOf("Europe/Moscow", new Date("2026-11-29T21:00:00Z"))).toEqual({ from: "2026-11-30", to: "2026-12-06" });
  });

  it("takes a period of at most 366 days whose end is not before its start", () => {
    expect(periodValid("2026-11-23", "2026-11-23")).toBe(true);
    expect(periodValid("2026-11-23", "2026-11-22")).toBe(false);
    expect(periodValid("2026-01-01", "2027-01-01")).toBe(true);
    expect(periodValid("2026-01-01", "2027-01-02")).toBe(false);
    expect(periodValid("", "2026-11-23")).toBe(false);
  });
});

function view(answers: Answers, profile: AgentProfile = me) {
  document.body.replaceChildren();
  const form = pageElement("form");
  for (const [tag, name] of [["input", "from"], ["input", "to"], ["select", "channel"], ["input", "company"]] as const) {
    const field = pageElement(tag, form);
    field.name = name;
  }
  const oversight = pageElement("span", form);
  const department = pageElement("select", oversight);
  department.name = "department";
  const manager = pageElement("select", oversight);
  manager.name = "manager";
  const elements: ReportsElements = {
    toggle: pageElement("button"),
    view: pageElement("main"),
    workspace: pageElement("main"),
    form,
    oversight,
    department,
    manager,
    own: pageElement("p"),
    status: pageElement("p"),
    error: pageElement("p"),
    output: pageElement("div"),
  };
  elements.view.hidden = true;
  const hub = new FakeHub(answers);
  const drawn: ReportSet[] = [];
  const downloads: [string, string][] = [];
  const opened: string[] = [];
  const charts: ReportCharts = {
    draw: (_, drawnReport) => {
      drawn.push(drawnReport);
      return { destroy: () => undefined };
    },
  };
  const panel = new ReportsPanel(context(hub, () => "ru", profile), elements, {
    colleagues: () => [agent(), agent({ login: "m.petrov", displayName: "Пётр Петров" }), agent({ login: "s.orlov", displayName: "Олег Орлов", department: "supervisors" })],
    timeZone: async () => "Europe/Moscow",
    now: () => new Date("2026-11-25T09:00:00Z"),
    charts: async () => charts,
    opening: () => undefined,
    openConversation: (id) => opened.push(id),
    download: (name, text) => downloads.push([name, text]),
  });
  return { panel, elements, hub, drawn, downloads, opened };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
const supervisor: AgentProfile = { login: "s.orlov", displayName: "Олег Орлов", role: "Supervisor", department: "supervisors" };

describe("ReportsPanel", () => {
  it("asks a supervisor's first report for the current week, saying it loads meanwhile, and offers staff and departments", async () => {
    let answer: (value: ReportSet) => void = () => undefined;
    const { elements, hub, drawn } = view({ GetReports: () => new Promise<ReportSet>((resolve) => (answer = resolve)) }, supervisor);

    elements.toggle.click();
    await settle();

    expect(elements.workspace.hidden).toBe(true);
    expect(elements.toggle.textContent).toBe("К диалогам");
    expect(elements.status.textContent).toBe("Загрузка…");
    expect(hub.args("GetReports")).toEqual([[{ from: "2026-11-23", to: "2026-11-29", channel: null, department: null, manager: null, company: null }]]);
    expect(elements.oversight.hidden).toBe(false);
    expect(elements.own.hidden).toBe(true);
    expect(texts(Array.from(elements.manager.options))).toEqual(["все сотрудники", "Мария Смирнова", "Олег Орлов", "Пётр Петров"]);
    expect(Array.from(elements.department.options).map((o) => o.value)).toEqual(["", "managers", "supervisors"]);

    answer(report);
    await settle();
    await settle();

    expect(elements.status.textContent).toBe("");
    expect(drawn).toEqual([report]);
    expect(testIds(elements.output, "chart-first-response")).toHaveLength(1);
    const rows = testIds(testId(elements.output, "table-first-response"), "report-row").map((row) => texts(Array.from(row.children)));
    expect(rows).toEqual([
      ["пн, 23.11", "1", "4 мин", "4 мин"],
      ["пт, 27.11", "1", "10 мин", "10 мин"],
      ["Весь период", "2", "4 мин", "10 мин"],
      ["Без ответа", "1", "", ""],
    ]);
  });

  it("sends the chosen filters and downloads a table's CSV", async () => {
    const { elements, hub, downloads } = view({ GetReports: async () => report }, supervisor);
    elements.toggle.click();
    await settle();
    elements.manager.value = "m.petrov";
    (elements.form.elements.namedItem("company") as HTMLInputElement).value = " ООО «Ромашка» ";
    elements.form.dispatchEvent(new SubmitEvent("submit", { cancelable: true }));
    await settle();

    expect(hub.args("GetReports")[1]).toEqual([{ from: "2026-11-23", to: "2026-11-29", channel: null, department: null, manager: "m.petrov", company: "ООО «Ромашка»" }]);
    testId(elements.output, "csv-ratings").click();
    expect(downloads).toEqual([["reports-ratings-2026-11-23_2026-11-29.csv", "\uFEFFОценка;Количество\r\n1;0\r\n2;1\r\n3;0\r\n4;0\r\n5;1\r\nВсего оценок;2\r\nСредняя оценка;3,5\r\n"]]);
  });

  it("shows a manager their own figures without the staff and department filters, and opens an overdue request's conversation", async () => {
    const { elements, hub, opened } = view({ GetReports: async () => report });
    elements.toggle.click();
    await settle();

    expect(elements.oversight.hidden).toBe(true);
    expect(elements.own.hidden).toBe(false);
    expect(hub.args("GetReports")[0]![0].manager).toBeNull();
    testId(elements.output, "open-conversation").click();
    expect(opened).toEqual(["c1"]);
    expect(elements.view.hidden).toBe(true);
    expect(elements.workspace.hidden).toBe(false);
  });

  it("says in Russian why a report is refused, and checks the period before asking", async () => {
    const { elements, hub } = view({ GetReports: () => refused("forbidden") }, supervisor);
    elements.toggle.click();
    await settle();
    expect(elements.error.textContent).toBe("Показатели коллег и отделов видят только руководители.");
    expect(elements.status.textContent).toBe("");

    (elements.form.elements.namedItem("to") as HTMLInputElement).value = "2026-11-20";
    elements.form.dispatchEvent(new SubmitEvent("submit", { cancelable: true }));
    await settle();
    expect(elements.error.textContent).toBe("Проверьте период: дата окончания не раньше даты начала, не больше 366 дней.");
    expect(hub.args("GetReports")).toHaveLength(1);

    hub.answers.GetReports = () => refused("invalid_argument");
    (elements.form.elements.namedItem("to") as HTMLInputElement).value = "2026-11-29";
    elements.form.dispatchEvent(new SubmitEvent("submit", { cancelable: true }));
    await settle();
    expect(elements.error.textContent).toBe("Проверьте фильтры отчёта.");
  });
});
