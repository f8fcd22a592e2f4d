// strace -c style summary of a run: the syscall table (virtual time), a table of the copies each
// syscall made, and the machine-wide totals (mode switches, faults, TLB, page cache, time).
// Interface: formatSummary(stats) -> text (lines end with "\n").
import { sigName } from "./args";
import type { Stats, SyscallStats } from "./stats-types";

const pad = (s: string | number, w: number) => String(s).padStart(w);
const secs = (ns: number) => (ns / 1e9).toFixed(6);

const SYS_HEAD = "% time     seconds  usecs/call     calls    errors syscall";
const SYS_RULE = "------ ----------- ----------- --------- --------- ----------------";

function sysRow(name: string, r: SyscallStats, totalNs: number): string {
  const pct = totalNs > 0 ? (100 * r.timeNs) / totalNs : 0;
  const per = r.calls > 0 ? Math.floor(r.timeNs / 1000 / r.calls) : 0;
  const errors = r.errors ? String(r.errors) : "";
  return `${pad(pct.toFixed(2), 6)} ${pad(secs(r.timeNs), 11)} ${pad(per, 11)} ${pad(r.calls, 9)} ${pad(errors, 9)} ${name}`;
}

/** The strace -c table: by time, then calls, then name; a total line. */
function syscallTable(stats: Stats): string[] {
  const rows = Object.entries(stats.bySyscall).filter(([, r]) => r.calls > 0);
  rows.sort(([an, a], [bn, b]) => b.timeNs - a.timeNs || b.calls - a.calls || an.localeCompare(bn));
  const total = rows.reduce((t, [, r]) => ({ ...t, calls: t.calls + r.calls, errors: t.errors + r.errors,
    timeNs: t.timeNs + r.timeNs }), { ...ZERO });
  return [SYS_HEAD, SYS_RULE, ...rows.map(([n, r]) => sysRow(n, r, total.timeNs)), SYS_RULE,
    sysRow("total", total, total.timeNs)];
}

const ZERO: SyscallStats = { calls: 0, errors: 0, modeSwitches: 0, cpuCopies: 0, cpuCopyBytes: 0, dmaCopies: 0,
  dmaCopyBytes: 0, timeNs: 0 };

const COPY_HEAD = "cpu copies   cpu bytes dma copies   dma bytes syscall";
const COPY_RULE = "---------- ----------- ---------- ----------- ----------------";

function copyRow(name: string, r: Pick<SyscallStats, "cpuCopies" | "cpuCopyBytes" | "dmaCopies" | "dmaCopyBytes">): string {
  return `${pad(r.cpuCopies, 10)} ${pad(r.cpuCopyBytes, 11)} ${pad(r.dmaCopies, 10)} ${pad(r.dmaCopyBytes, 11)} ${name}`;
}

/** Copies per syscall, by bytes moved; copies outside any syscall (exec, user faults) on their own row. */
function copyTable(stats: Stats): string[] {
  const rows = Object.entries(stats.bySyscall).filter(([, r]) => r.cpuCopies || r.dmaCopies);
  rows.sort(([an, a], [bn, b]) =>
    b.cpuCopyBytes + b.dmaCopyBytes - (a.cpuCopyBytes + a.dmaCopyBytes) || an.localeCompare(bn));
  const sum = (k: "cpuCopies" | "cpuCopyBytes" | "dmaCopies" | "dmaCopyBytes") =>
    stats[k] - rows.reduce((t, [, r]) => t + r[k], 0);
  const outside = { cpuCopies: sum("cpuCopies"), cpuCopyBytes: sum("cpuCopyBytes"), dmaCopies: sum("dmaCopies"),
    dmaCopyBytes: sum("dmaCopyBytes") };
  const lines = [COPY_HEAD, COPY_RULE, ...rows.map(([n, r]) => copyRow(n, r))];
  if (outside.cpuCopies || outside.dmaCopies) lines.push(copyRow("(no syscall)", outside));
  return [...lines, COPY_RULE, copyRow("total", stats)];
}

function totals(s: Stats): string[] {
  const f = s.pageFaults, pc = s.pageCache;
  const faults = f.minor + f.major + f.cow + f.segv + f.sigbus;
  const wall = s.wallTimeNs > 0 ? `, wall ${secs(s.wallTimeNs)} s` : "";
  const lines = [
    `mode switches     ${s.modeSwitches}`,
    `process switches  ${s.processSwitches}`,
    `irqs              ${s.irqs}`,
    `page faults       ${faults} (minor ${f.minor}, major ${f.major}, cow ${f.cow}, segv ${f.segv}, sigbus ${f.sigbus})`,
    `tlb               misses ${s.tlb.misses}, flushes ${s.tlb.flushes}`,
    `page cache        hits ${pc.hits}, misses ${pc.misses}, dirtied ${pc.dirtied}, written back ${pc.writtenBack}, evicted ${pc.evicted}`,
    `frames            free ${s.frames.free} of ${s.frames.total}`,
    `time              virtual ${secs(s.virtualTimeNs)} s (user ${secs(s.userTimeNs)} s, system ${secs(s.systemTimeNs)} s)${wall}`,
  ];
  if (s.signal !== null) lines.push(`exit              killed by ${sigName(s.signal)}`);
  else if (s.exitCode !== null) lines.push(`exit              code ${s.exitCode}`);
  return lines;
}

/** The whole summary: syscall table, copy table, totals, separated by blank lines. */
export function formatSummary(stats: Stats): string {
  return [...syscallTable(stats), "", ...copyTable(stats), "", ...totals(stats)].join("\n") + "\n";
}
