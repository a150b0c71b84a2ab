// Loads the reports' charts (agent-reports.js, with Chart.js) into the page once, when the reports view first needs them.

import type { ReportSet } from "@chat/shared/contracts";
import type { Language } from "@chat/shared/error-texts";
import type { ConsoleTexts } from "../i18n";

/** The reports that have a chart, each beside its table. */
export const chartKeys = ["first-response", "same-day", "handoffs", "ratings", "load"] as const;

export type ChartKey = (typeof chartKeys)[number];

/** What agent-reports.js puts on the page. */
export interface ReportCharts {
  /** Draws every chart of the report, one per canvas; `destroy` takes them off before the next report. */
  draw(canvases: Record<ChartKey, HTMLCanvasElement>, report: ReportSet, texts: ConsoleTexts, language: Language): { destroy(): void };
}

declare global {
  interface Window {
    chatReportCharts?: ReportCharts;
  }
}

export const chartsScript = "/dist/agent-reports.js";

let loading: Promise<ReportCharts> | null = null;

/** The charts, after adding their script to the page the first time; a script that failed to load is tried again next time. */
export function loadCharts(document: Document = window.document): Promise<ReportCharts> {
  loading ??= new Promise<ReportCharts>((resolve, reject) => {
    const script = document.createElement("script");
    script.src = chartsScript;
    script.async = true;
    script.addEventListener("load", () => (window.chatReportCharts ? resolve(window.chatReportCharts) : reject(new Error("agent-reports.js drew nothing."))));
    script.addEventListener("error", () => {
      script.remove();
      loading = null;
      reject(new Error(`${chartsScript} did not load.`));
    });
    document.head.append(script);
  });
  return loading;
}
