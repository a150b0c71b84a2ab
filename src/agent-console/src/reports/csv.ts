// The CSV of a report's table (RFC 4180): `;` between fields — what Excel expects where the decimal mark is a comma —
// quotes around a field that holds one, a quote or a line break, CRLF between records, and a BOM so Excel reads the
// file as UTF-8 (Cyrillic headers and companies).

export const csvSeparator = ";";

const bom = "\uFEFF";

/** One field, quoted when it must be (its quotes doubled). */
export function csvField(value: string): string {
  return /[";\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** The file's text: the header record, then a record per row. */
export function csvText(header: readonly string[], rows: readonly (readonly string[])[]): string {
  return bom + [header, ...rows].map((record) => record.map(csvField).join(csvSeparator)).join("\r\n") + "\r\n";
}

/** "reports-first-response-2026-11-23_2026-11-29.csv". */
export function csvFileName(table: string, from: string, to: string): string {
  return `reports-${table}-${from}_${to}.csv`;
}
