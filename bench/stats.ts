// Small statistics for benchmarks: repeat a measurement, summarise it as median / min / max.
// Interface: Summary, summarize(samples), repeat(n, fn) -> samples, fmt(summary, unit), ms(), table(rows).

export interface Summary { median: number; min: number; max: number; n: number }

/** Median, minimum and maximum of the samples (the median of an even count is the mean of the middle two). */
export function summarize(samples: number[]): Summary {
  if (samples.length === 0) throw new RangeError("summarize: no samples");
  const s = [...samples].sort((a, b) => a - b);
  const mid = s.length >> 1;
  const median = s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
  return { median, min: s[0], max: s[s.length - 1], n: s.length };
}

/** Run fn n times in sequence and collect what it returns (a duration or a derived figure). */
export async function repeat(n: number, fn: (i: number) => Promise<number> | number): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push(await fn(i));
  return out;
}

/** The current time in milliseconds, with sub-microsecond resolution. */
export function ms(): number { return Number(process.hrtime.bigint()) / 1e6; }

/** A number with about three significant digits. */
export function num(x: number): string {
  const a = Math.abs(x);
  return a >= 100 ? x.toFixed(0) : a >= 10 ? x.toFixed(1) : a >= 1 ? x.toFixed(2) : x.toFixed(3);
}

/** "median unit (min .. max, n=7)" */
export function fmt(s: Summary, unit: string): string {
  return `${num(s.median)} ${unit} (min ${num(s.min)}, max ${num(s.max)}, n=${s.n})`;
}

/** A Markdown table: the first row is the header. */
export function table(rows: string[][]): string {
  const w = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  const line = (r: string[]) => `| ${r.map((x, c) => x.padEnd(w[c])).join(" | ")} |`;
  return [line(rows[0]), `|${w.map((n) => "-".repeat(n + 2)).join("|")}|`, ...rows.slice(1).map(line)].join("\n");
}
