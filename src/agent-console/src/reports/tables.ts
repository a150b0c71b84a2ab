// The reports as tables: what the page shows beside each chart and what "Скачать CSV" writes, built once from the same
// figures. A cell has its text for the page ("4,5 мин") and its CSV field (the bare number, the ISO day); the unit of a
// column is in its CSV header instead.

import type { HandoffStatus, OverdueRequest, ReportSet } from "@chat/shared/contracts";
import type { Language } from "@chat/shared/error-texts";
import type { ConsoleTexts } from "../i18n";
import { addDays, day, decimal, minutes, minuteUnit, moment, none, percent } from "./format";

export interface ReportColumn {
  title: string;
  /** The unit the CSV header names ("мин"); the page writes it in every cell. */
  unit?: string;
}

export interface ReportCell {
  text: string;
  csv: string;
  /** The conversation the cell opens. */
  conversationId?: string;
}

export interface ReportTable {
  /** The file name's part: "first-response". */
  key: string;
  title: string;
  columns: ReportColumn[];
  rows: ReportCell[][];
  /** The line shown instead of an empty table. */
  empty?: string;
}

/** How the tables name people and places: a login as the colleague's name. */
export interface ReportNames {
  person(login: string): string;
}

export function handoffStatusText(texts: ConsoleTexts, status: HandoffStatus): string {
  const names: Record<HandoffStatus, string> = {
    Relayed: texts.handoffRelayed,
    Delivered: texts.handoffDelivered,
    Read: texts.handoffRead,
    Accepted: texts.handoffAccepted,
    Contacted: texts.handoffContacted,
  };
  return names[status];
}

/** "10:00–11:00". */
export function hourText(hour: number): string {
  const pad = (h: number) => `${String(h % 24).padStart(2, "0")}:00`;
  return `${pad(hour)}–${pad(hour + 1)}`;
}

export class ReportTables {
  constructor(
    private readonly language: Language,
    private readonly texts: ConsoleTexts,
    private readonly names: ReportNames,
  ) {}

  /** Every table of the report, in the page's order. */
  all(report: ReportSet): ReportTable[] {
    return [this.firstResponse(report), this.sameDay(report), this.handoffs(report), this.ratings(report), this.load(report), this.consultations(report), this.overdue(report)];
  }

  firstResponse(report: ReportSet): ReportTable {
    const t = this.texts;
    const first = report.firstResponse;
    return {
      key: "first-response",
      title: t.firstResponse,
      columns: [{ title: t.day }, { title: t.answered }, { title: t.median, unit: this.unit }, { title: t.percentile90, unit: this.unit }],
      rows: [
        ...first.days.map((d) => [{ text: day(this.language, d.day), csv: d.day }, this.count(d.answered), this.minutes(d.p50Minutes), this.minutes(d.p90Minutes)]),
        [this.plain(t.wholePeriod), this.count(first.answered), this.minutes(first.p50Minutes), this.minutes(first.p90Minutes)],
        [this.plain(t.unanswered), this.count(first.unanswered), this.plain(""), this.plain("")],
      ],
    };
  }

  sameDay(report: ReportSet): ReportTable {
    const t = this.texts;
    const same = report.sameDay;
    return {
      key: "same-day",
      title: t.sameDay,
      columns: [{ title: t.indicator }, { title: t.value }],
      rows: [
        [this.plain(t.kept), this.count(same.kept)],
        [this.plain(t.overdueCount), this.count(same.overdue)],
        [this.plain(t.pending), this.count(same.pending)],
        [this.plain(t.totalRequests), this.count(same.total)],
        [this.plain(t.keptShare), { text: percent(this.language, same.keptShare), csv: percent(this.language, same.keptShare) }],
      ],
    };
  }

  handoffs(report: ReportSet): ReportTable {
    const t = this.texts;
    const handoffs = report.handoffs;
    return {
      key: "handoffs",
      title: t.handoffOutcomes,
      columns: [{ title: t.status }, { title: t.count }],
      rows: [
        ...handoffs.outcomes.map((o) => [this.plain(handoffStatusText(t, o.status)), this.count(o.count)]),
        [this.plain(t.total), this.count(handoffs.total)],
        [this.plain(t.toContactMedian), this.minutesWithUnit(handoffs.p50MinutesToContact)],
        [this.plain(t.toContact90), this.minutesWithUnit(handoffs.p90MinutesToContact)],
      ],
    };
  }

  ratings(report: ReportSet): ReportTable {
    const t = this.texts;
    const ratings = report.ratings;
    const average = ratings.average === null ? none : decimal(this.language, ratings.average);
    return {
      key: "ratings",
      title: t.ratings,
      columns: [{ title: t.score }, { title: t.count }],
      rows: [
        ...ratings.distribution.map((count, index) => [this.plain(String(index + 1)), this.count(count)]),
        [this.plain(t.ratingsCount), this.count(ratings.count)],
        [this.plain(t.averageScore), { text: average, csv: average }],
      ],
    };
  }

  load(report: ReportSet): ReportTable {
    const t = this.texts;
    return {
      key: "load",
      title: t.load,
      columns: [{ title: t.hour }, { title: t.conversations }],
      rows: report.load.map((hour) => [this.plain(hourText(hour.hour)), this.count(hour.conversations)]),
    };
  }

  consultations(report: ReportSet): ReportTable {
    const t = this.texts;
    return {
      key: "consultations",
      title: t.consultations,
      columns: [
        { title: t.company },
        { title: t.week },
        { title: t.requests },
        { title: t.handling, unit: this.unit },
        { title: t.prepared, unit: this.unit },
        { title: t.total, unit: this.unit },
        { title: t.referToTraining },
      ],
      rows: report.consultations.map((week) => [
        this.plain(week.company),
        { text: `${day(this.language, week.weekStart)} — ${day(this.language, addDays(week.weekStart, 6))}`, csv: week.weekStart },
        this.count(week.requests),
        this.minutes(week.handlingMinutes),
        this.minutes(week.preparationMinutes),
        this.minutes(week.totalMinutes),
        this.plain(week.referToTraining ? t.yes : t.no),
      ]),
      empty: t.noConsultations,
    };
  }

  overdue(report: ReportSet): ReportTable {
    const t = this.texts;
    const at = (value: string) => {
      const text = moment(this.language, report.timeZone, value);
      return { text, csv: text };
    };
    return {
      key: "overdue",
      title: t.overdueRequests,
      columns: [{ title: t.kind }, { title: t.target }, { title: t.arrived }, { title: t.dueAt }, { title: t.answeredAt }, { title: t.conversation }],
      rows: report.sameDay.overdueRequests.map((request) => [
        this.plain(this.kindText(request)),
        this.plain(this.names.person(request.target)),
        at(request.arrivedAt),
        at(request.dueAt),
        request.answeredAt === null ? this.plain(t.notAnswered) : at(request.answeredAt),
        request.conversationId === null
          ? this.plain("")
          : { text: t.openConversation, csv: request.conversationId, conversationId: request.conversationId },
      ]),
      empty: t.noOverdue,
    };
  }

  private get unit(): string {
    return minuteUnit[this.language];
  }

  private kindText(request: OverdueRequest): string {
    const t = this.texts;
    const kinds: Record<string, string> = { "offline-request": t.kindOfflineRequest, "visitor-message": t.kindVisitorMessage, email: t.kindEmail };
    return kinds[request.kind] ?? request.kind;
  }

  private plain(text: string): ReportCell {
    return { text, csv: text };
  }

  private count(value: number): ReportCell {
    return { text: String(value), csv: String(value) };
  }

  /** A cell of a column whose header names the unit in the CSV. */
  private minutes(value: number | null): ReportCell {
    return { text: minutes(this.language, value), csv: value === null ? "" : decimal(this.language, value) };
  }

  /** A cell of a column of mixed figures: the unit stays in the CSV field too. */
  private minutesWithUnit(value: number | null): ReportCell {
    const text = minutes(this.language, value);
    return { text, csv: value === null ? "" : text };
  }
}
