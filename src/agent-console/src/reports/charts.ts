// The reports' charts (Chart.js). This module and Chart.js make up agent-reports.js, which the console loads the first
// time the reports view opens: neither the console's own bundle nor the widget carries them.

import type { ReportSet } from "@chat/shared/contracts";
import type { Language } from "@chat/shared/error-texts";
import { ArcElement, BarController, BarElement, CategoryScale, Chart, DoughnutController, Legend, LinearScale, Tooltip, type ChartConfiguration } from "chart.js";
import type { ConsoleTexts } from "../i18n";
import { day } from "./format";
import { chartKeys, type ChartKey, type ReportCharts } from "./loader";
import { handoffStatusText } from "./tables";

Chart.register(BarController, BarElement, CategoryScale, LinearScale, DoughnutController, ArcElement, Legend, Tooltip);

const colours = { first: "#2f6fb5", second: "#9cc3ea", kept: "#2e8b57", overdue: "#c0392b", pending: "#b0b7c3" };

/** A chart drawn at once (no animation), scaled to the canvas's box; its title is the heading of its card. */
function options(legend: boolean): ChartConfiguration["options"] {
  return {
    animation: false,
    responsive: true,
    maintainAspectRatio: false,
    plugins: { legend: { display: legend } },
  };
}

function bar(labels: string[], datasets: { label: string; data: (number | null)[]; backgroundColor: string }[]): ChartConfiguration {
  return { type: "bar", data: { labels, datasets }, options: { ...options(datasets.length > 1), scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } } };
}

function configurations(report: ReportSet, texts: ConsoleTexts, language: Language): Record<ChartKey, ChartConfiguration> {
  const days = report.firstResponse.days;
  const same = report.sameDay;
  return {
    "first-response": bar(
      days.map((d) => day(language, d.day)),
      [
        { label: texts.median, data: days.map((d) => d.p50Minutes), backgroundColor: colours.first },
        { label: texts.percentile90, data: days.map((d) => d.p90Minutes), backgroundColor: colours.second },
      ],
    ),
    "same-day": {
      type: "doughnut",
      data: {
        labels: [texts.kept, texts.overdueCount, texts.pending],
        datasets: [{ data: [same.kept, same.overdue, same.pending], backgroundColor: [colours.kept, colours.overdue, colours.pending] }],
      },
      options: options(true),
    },
    handoffs: bar(
      report.handoffs.outcomes.map((o) => handoffStatusText(texts, o.status)),
      [{ label: texts.count, data: report.handoffs.outcomes.map((o) => o.count), backgroundColor: colours.first }],
    ),
    ratings: bar(
      report.ratings.distribution.map((_, index) => String(index + 1)),
      [{ label: texts.count, data: report.ratings.distribution, backgroundColor: colours.first }],
    ),
    load: bar(
      report.load.map((hour) => String(hour.hour)),
      [{ label: texts.conversations, data: report.load.map((hour) => hour.conversations), backgroundColor: colours.first }],
    ),
  };
}

const charts: ReportCharts = {
  draw(canvases, report, texts, language) {
    const all = configurations(report, texts, language);
    const drawn = chartKeys.map((key) => new Chart(canvases[key], all[key]));
    return { destroy: () => drawn.forEach((chart) => chart.destroy()) };
  },
};

window.chatReportCharts = charts;
