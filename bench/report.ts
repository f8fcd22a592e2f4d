// The benchmark's results: each figure is printed as it is measured and kept for the summary table.
// Interface: Row, report(row), summary(runs) -> the Markdown table of every row, with target met/NOT met.
import { fmt, num, table, type Summary } from "./stats";

export interface Row { what: string; value: Summary; unit: string; target?: string; met?: boolean }

const rows: Row[] = [];

/** Keep a figure for the summary and print it now. */
export function report(r: Row): void {
  rows.push(r);
  console.log(`  ${r.what}: ${fmt(r.value, r.unit)}${r.target ? ` [target ${r.target}: ${r.met ? "met" : "NOT met"}]` : ""}`);
}

/** Every figure so far as one table. */
export function summary(): string {
  return table([["measurement", "median", "min .. max", "n", "target", ""],
    ...rows.map((r) => [r.what, `${num(r.value.median)} ${r.unit}`, `${num(r.value.min)} .. ${num(r.value.max)}`, String(r.value.n),
      r.target ?? "", r.met === undefined ? "" : r.met ? "met" : "NOT met"])]);
}
