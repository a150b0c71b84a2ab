// The reports view ("Отчёты", issue #17), opened from the header instead of the conversations: a period and filters,
// the figures as charts with their tables beside them, and a CSV of every table. Supervisors and admins filter by
// department and staff member; everyone else sees their own figures only (the server refuses them anyone else's).

import type { AgentPresence, ReportRequest, ReportSet } from "@chat/shared/contracts";
import type { ConsoleContext } from "../context";
import { button, el, Listeners } from "../dom";
import { ErrorLine, failureCode } from "../error-line";
import { csvFileName, csvText } from "./csv";
import { weekOf } from "./format";
import { chartKeys, type ChartKey, type ReportCharts } from "./loader";
import { ReportTables, type ReportTable } from "./tables";

/** The roles that see everyone's figures. */
export const overseeingRoles: readonly string[] = ["Supervisor", "Admin"];

/** The longest period one report covers (the server's limit). */
export const maxReportDays = 366;

export interface ReportsElements {
  toggle: HTMLButtonElement;
  view: HTMLElement;
  workspace: HTMLElement;
  form: HTMLFormElement;
  /** The department and staff member fields, hidden for someone who sees only their own figures. */
  oversight: HTMLElement;
  department: HTMLSelectElement;
  manager: HTMLSelectElement;
  own: HTMLElement;
  status: HTMLElement;
  error: HTMLElement;
  output: HTMLElement;
}

export interface ReportsHost {
  /** The colleagues the console knows (presence), to choose a staff member and a department from. */
  colleagues(): AgentPresence[];
  /** The policy's time zone (null when it cannot be read: then the browser's): the default period is its current week. */
  timeZone(): Promise<string | null>;
  now(): Date;
  charts(): Promise<ReportCharts>;
  /** The view opens: another view that replaces the conversations closes. */
  opening(): void;
  /** Shows the conversation in the console. */
  openConversation(conversationId: string): void;
  download(fileName: string, text: string): void;
}

/** Saves `text` as a file through a link of the page. */
export function downloadText(fileName: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: "text/csv;charset=utf-8" }));
  const link = el("a");
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/** Whether a period is one the server takes: the end not before the start, at most `maxReportDays` days. */
export function periodValid(from: string, to: string): boolean {
  const days = (Date.parse(to) - Date.parse(from)) / 86_400_000;
  return Number.isFinite(days) && days >= 0 && days < maxReportDays;
}

export class ReportsPanel {
  private readonly listeners = new Listeners();
  private readonly errors: ErrorLine;
  private readonly oversees: boolean;
  private report: ReportSet | null = null;
  private drawn: { destroy(): void } | null = null;
  private opened = false;
  /** Counts the requests, so only the latest one's answer is shown. */
  private asked = 0;

  constructor(
    private readonly context: ConsoleContext,
    private readonly elements: ReportsElements,
    private readonly host: ReportsHost,
  ) {
    this.errors = new ErrorLine(elements.error, context.language);
    this.oversees = overseeingRoles.includes(context.me.role);
    elements.oversight.hidden = !this.oversees;
    elements.own.hidden = this.oversees;
    elements.toggle.hidden = false;
    this.listeners.on(elements.toggle, "click", () => this.open(elements.view.hidden !== false));
    this.listeners.on(elements.form, "submit", (event) => {
      event.preventDefault();
      void this.show();
    });
    this.render();
  }

  get shown(): boolean {
    return !this.elements.view.hidden;
  }

  /** Shows the reports instead of the conversations, or back; the first time with the current week's figures. */
  open(show: boolean): void {
    if (show) {
      this.host.opening();
    }
    this.elements.view.hidden = !show;
    this.elements.workspace.hidden = show;
    if (show && !this.opened) {
      this.opened = true;
      void this.firstShow();
    }
    this.render();
  }

  /** Signed out: the view and its toggle leave the page. */
  stop(): void {
    this.listeners.stop();
    this.drawn?.destroy();
    this.drawn = null;
    this.elements.view.hidden = true;
    this.elements.toggle.hidden = true;
    this.elements.output.replaceChildren();
    this.elements.form.reset();
    this.errors.clear();
  }

  /** The toggle, the filters' choices and the figures, in the console's language. */
  render(): void {
    const texts = this.context.texts();
    this.elements.toggle.textContent = this.shown ? texts.backToConversations : texts.reports;
    this.renderFilters();
    this.renderReport();
  }

  /** The staff members and departments to choose from, as the colleagues list has them now. */
  renderFilters(): void {
    const texts = this.context.texts();
    if (this.oversees) {
      this.options(this.elements.manager, texts.everyone, this.staff().map((agent) => [agent.login, agent.displayName]));
      const departments = [...new Set(this.host.colleagues().map((agent) => agent.department))].sort();
      this.options(this.elements.department, texts.everyDepartment, departments.map((department) => [department, department]));
    }
  }

  private staff(): AgentPresence[] {
    return [...this.host.colleagues()].sort((a, b) => a.displayName.localeCompare(b.displayName));
  }

  /** A select's options (the first is "all"), keeping what was chosen. */
  private options(select: HTMLSelectElement, all: string, choices: [string, string][]): void {
    const chosen = select.value;
    const first = el("option", all);
    first.value = "";
    select.replaceChildren(
      first,
      ...choices.map(([value, text]) => {
        const option = el("option", text);
        option.value = value;
        return option;
      }),
    );
    select.value = choices.some(([value]) => value === chosen) ? chosen : "";
  }

  private field(name: string): HTMLInputElement | HTMLSelectElement {
    return this.elements.form.elements.namedItem(name) as HTMLInputElement | HTMLSelectElement;
  }

  /** The charts' script loads while the first report is asked for. */
  private async firstShow(): Promise<void> {
    this.host.charts().catch(() => undefined);
    const zone = (await this.host.timeZone().catch(() => null)) ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
    const week = weekOf(zone, this.host.now());
    this.field("from").value = week.from;
    this.field("to").value = week.to;
    await this.show();
  }

  /** The form's request; the filters left at "all" are not sent. */
  private request(): ReportRequest {
    const value = (name: string) => this.field(name).value.trim() || null;
    return {
      from: this.field("from").value,
      to: this.field("to").value,
      channel: value("channel"),
      department: this.oversees ? value("department") : null,
      manager: this.oversees ? value("manager") : null,
      company: value("company"),
    };
  }

  /** Asks for the report of the form and shows it; while it comes, "Загрузка…". */
  async show(): Promise<void> {
    const texts = this.context.texts();
    const request = this.request();
    if (!periodValid(request.from, request.to)) {
      this.errors.say(texts.periodInvalid);
      return;
    }
    const asked = ++this.asked;
    this.elements.status.textContent = texts.loading;
    await this.errors.run(
      async () => {
        const report = await this.context.hub.invoke("GetReports", request);
        if (asked === this.asked) {
          this.report = report;
          this.renderReport();
        }
      },
      (error) => {
        const code = failureCode(error);
        if (code === "forbidden") {
          this.errors.say(texts.reportsForbidden);
        } else if (code === "invalid_argument") {
          this.errors.say(texts.filterInvalid);
        } else {
          this.errors.show(code);
        }
      },
    );
    if (asked === this.asked) {
      this.elements.status.textContent = "";
    }
  }

  private tables(): ReportTables {
    const names = new Map(this.host.colleagues().map((agent) => [agent.login, agent.displayName]));
    return new ReportTables(this.context.language(), this.context.texts(), { person: (login) => names.get(login) ?? login });
  }

  /** Every report's section: its table (with a canvas above it for those with a chart) and its CSV button. */
  private renderReport(): void {
    const report = this.report;
    this.drawn?.destroy();
    this.drawn = null;
    if (!report) {
      this.elements.output.replaceChildren();
      return;
    }
    this.elements.output.replaceChildren(...this.tables().all(report).map((table) => this.section(report, table)));
    // Without its script (it failed to load) the report is still there as tables.
    this.host.charts().then((charts) => this.draw(charts), () => undefined);
  }

  private draw(charts: ReportCharts): void {
    const report = this.report;
    if (!report || this.drawn) {
      return;
    }
    const canvases = Object.fromEntries(chartKeys.map((key) => [key, this.elements.output.querySelector<HTMLCanvasElement>(`canvas[data-chart="${key}"]`)]));
    if (Object.values(canvases).every((canvas) => canvas !== null)) {
      this.drawn = charts.draw(canvases as Record<ChartKey, HTMLCanvasElement>, report, this.context.texts(), this.context.language());
    }
  }

  private section(report: ReportSet, table: ReportTable): HTMLElement {
    const texts = this.context.texts();
    const section = el("section", undefined, "panel report");
    section.dataset.testid = `report-${table.key}`;
    const header = el("div", undefined, "row");
    const download = button(texts.downloadCsv, `csv-${table.key}`, () =>
      this.host.download(
        csvFileName(table.key, report.request.from, report.request.to),
        csvText(
          table.columns.map((column) => (column.unit ? `${column.title}, ${column.unit}` : column.title)),
          table.rows.map((row) => row.map((cell) => cell.csv)),
        ),
      ),
    );
    header.append(el("h3", table.title), download);
    section.append(header);
    if ((chartKeys as readonly string[]).includes(table.key)) {
      const box = el("div", undefined, "report-chart");
      const canvas = el("canvas");
      canvas.dataset.chart = table.key;
      canvas.dataset.testid = `chart-${table.key}`;
      canvas.setAttribute("role", "img");
      canvas.setAttribute("aria-label", table.title);
      box.append(canvas);
      section.append(box);
    }
    section.append(table.rows.length === 0 && table.empty ? el("p", table.empty, "muted") : this.table(table));
    return section;
  }

  private table(table: ReportTable): HTMLTableElement {
    const result = el("table", undefined, "admin-table report-table");
    result.dataset.testid = `table-${table.key}`;
    const head = el("tr");
    head.append(...table.columns.map((column) => el("th", column.title)));
    result.createTHead().append(head);
    result.createTBody().append(
      ...table.rows.map((row) => {
        const line = el("tr");
        line.dataset.testid = "report-row";
        line.append(
          ...row.map((cell) => {
            const td = el("td");
            const id = cell.conversationId;
            td.append(id ? button(cell.text, "open-conversation", () => this.openConversation(id)) : cell.text);
            return td;
          }),
        );
        return line;
      }),
    );
    return result;
  }

  private openConversation(conversationId: string): void {
    this.open(false);
    this.host.openConversation(conversationId);
  }
}
