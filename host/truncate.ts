// The truncate scenario of the zero-copy lab (`wasmos compare --truncate`): a sender maps a file and
// write()s it down a pipe while another process opens the file with O_TRUNC, without a lease and
// with one (guests/demos/leasesend.ts, /usr/demo/leasesend on the default image), each mode on a
// fresh machine. A row says how the sender ended, how many bytes reached the reader, how long the
// truncating open waited, and what the kernel counted: lease breaks, forced releases, SIGBUS faults.
// Interface: TRUNCATE_MODES, truncateScenario(modes?) -> TruncateRow[], formatTruncate(rows) -> text.
import { Machine } from "./machine";
import { sigName } from "./trace/args";

export type TruncateMode = "none" | "lease" | "finish" | "hold";
export const TRUNCATE_MODES: TruncateMode[] = ["none", "lease", "finish", "hold"];

const WHAT: Record<TruncateMode, string> = {
  none: "no lease",
  lease: "read lease, abandon on SIGIO",
  finish: "read lease, finish, then release",
  hold: "read lease never released",
};

export interface TruncateRow {
  mode: TruncateMode;
  sender: string;            // "exit 0", "killed by SIGBUS"
  bytesSent: number;         // what the reader got
  truncateWaitMs: number;    // how long the truncating open waited (virtual ms)
  leaseBreaks: number;
  leaseTimeouts: number;
  sigbusFaults: number;
  output: string;            // the processes' own lines
}

const FILE = "/leasefile";

export async function truncateScenario(modes: TruncateMode[] = TRUNCATE_MODES): Promise<TruncateRow[]> {
  const rows: TruncateRow[] = [];
  for (const mode of modes) rows.push(await runMode(mode));
  return rows;
}

async function runMode(mode: TruncateMode): Promise<TruncateRow> {
  let out = "";
  const m = await Machine.create({ stdin: null, stdout: (b) => { out += Buffer.from(b).toString("utf8"); }, stderr: () => {} });
  const pid = await m.spawn(m.readGuestFile("/usr/demo/leasesend"), ["leasesend", mode, FILE]);
  await m.run();
  const s = m.stats(pid);
  m.close();
  const num = (re: RegExp) => Number(re.exec(out)?.[1] ?? NaN);
  return { mode, sender: s.signal ? `killed by ${sigName(s.signal)}` : `exit ${s.exitCode}`,
    bytesSent: num(/reader: got (\d+) bytes/), truncateWaitMs: num(/returned after (\d+) ms/),
    leaseBreaks: s.leases?.breaks ?? 0, leaseTimeouts: s.leases?.timeouts ?? 0, sigbusFaults: s.pageFaults.sigbus, output: out };
}

export function formatTruncate(rows: TruncateRow[]): string {
  const head = ["mode", "what the sender does", "sender", "bytes sent", "open waited", "lease breaks", "forced", "SIGBUS faults"];
  const body = rows.map((r) => [r.mode, WHAT[r.mode], r.sender, String(r.bytesSent), `${r.truncateWaitMs} ms`,
    String(r.leaseBreaks), String(r.leaseTimeouts), String(r.sigbusFaults)]);
  const width = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(width[i])).join("  ").trimEnd();
  return ["mmap+write of a 512 KiB file down a pipe; another process opens it O_RDWR|O_TRUNC 20 ms in",
    line(head), ...body.map(line)].join("\n");
}
