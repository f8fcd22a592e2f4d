// The zero-copy lab over file sizes: `wasmos compare --sweep 4K..64M` runs every method at each size
// (the low bound times 4, or 2, up to the high bound) and prints CPU time and elapsed time per method,
// so the founding claim "sendfile+SG-DMA spends less CPU than read+write, and the gap grows with
// file size" can be read off. Copies are not traced (the `how` column is not needed): faster.
// Interface: sweepSizes("4K..64M", factor) -> sizes; sweep(sizes, opts) -> SweepRow[]; formatSweep(rows); sizeText(n) ("64K").
import { compare, METHODS, type CompareOptions, type CompareRow, type MethodId } from "./compare";
import { parseSize } from "./run";

export interface SweepRow { size: number; rows: CompareRow[] }

const MAX_SWEEP = 256 << 20;       // the machine's RAM caps a file at about this much

/** "4K..64M" -> [4K, 16K, ..., 64M] (factor 4) or every power of 2 (factor 2); the high bound always ends it. */
export function sweepSizes(spec: string, factor = 4): number[] {
  const m = /^\s*([^.]+)\.\.([^.]+)\s*$/.exec(spec);
  if (!m) throw new Error(`--sweep ${spec}: use LOW..HIGH, e.g. 4K..64M`);
  const lo = parseSize(m[1]), hi = parseSize(m[2]);
  if (factor !== 2 && factor !== 4) throw new Error(`--sweep-factor ${factor}: use 2 or 4`);
  if (lo <= 0 || hi < lo) throw new Error(`--sweep ${spec}: LOW must be positive and at most HIGH`);
  if (hi > MAX_SWEEP) throw new Error(`--sweep ${spec}: sizes above ${MAX_SWEEP >> 20}M do not fit the machine`);
  const sizes: number[] = [];
  for (let s = lo; s < hi; s *= factor) sizes.push(s);
  sizes.push(hi);
  return sizes;
}

export async function sweep(sizes: number[], o: CompareOptions = {}): Promise<SweepRow[]> {
  const out: SweepRow[] = [];
  for (const size of sizes) out.push({ size, rows: await compare({ ...o, size, how: false }) });
  return out;
}

/** "4K", "64M", or bytes when not a whole number of KiB. */
export function sizeText(n: number): string {
  if (n % (1 << 30) === 0) return `${n / (1 << 30)}G`;
  if (n % (1 << 20) === 0) return `${n / (1 << 20)}M`;
  return n % 1024 === 0 ? `${n / 1024}K` : String(n);
}

const us = (ns: number) => (ns / 1000).toFixed(1);

// One table: a row per size, a column per method, and the gap read+write - sendfile+sg-dma.
function table(title: string, rows: SweepRow[], pick: (r: CompareRow) => number): string[] {
  const ids: MethodId[] = METHODS.map((m) => m.id);
  const w = Math.max(...ids.map((id) => id.length)) + 1;
  const head = ["size".padStart(6), ...ids.map((id) => id.padStart(w)), "gap r+w - sg".padStart(14)].join(" ");
  const lines = rows.map(({ size, rows: r }) => {
    const v = (id: MethodId) => pick(r.find((x) => x.method === id)!);
    return [sizeText(size).padStart(6), ...ids.map((id) => us(v(id)).padStart(w)),
      us(v("read+write") - v("sendfile+sg-dma")).padStart(14)].join(" ");
  });
  return [title, head, "-".repeat(head.length), ...lines];
}

export function formatSweep(rows: SweepRow[], title: string): string {
  const lost = rows.flatMap(({ size, rows: r }) => r.filter((x) => !x.intact).map((x) => `${x.method} at ${sizeText(size)}`));
  return [title, "",
    ...table("CPU time (us): user + system time of the whole send run", rows, (r) => r.cpuTimeNs), "",
    ...table("Elapsed time (us): virtual time of the whole send run, device waits included", rows, (r) => r.virtualTimeNs),
    ...(lost.length ? ["", `bytes lost: ${lost.join(", ")}`] : [])].join("\n");
}
