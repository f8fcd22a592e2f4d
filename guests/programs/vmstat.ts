// vmstat: report processes, memory, swap, block I/O, interrupts, context switches and CPU time,
// from /proc/stat, /proc/vmstat and /proc/meminfo, in procps vmstat's layout and arithmetic. The
// first line gives averages since boot (rates over all the CPU ticks counted, as procps divides
// them); with a DELAY, each further line the changes over DELAY seconds of the virtual clock, COUNT
// lines in all (forever without COUNT). r, b: procs_running, procs_blocked; swpd, free, buff, cache:
// SwapTotal - SwapFree, MemFree, Buffers, Cached + SReclaimable (KiB; -S k, K, m, M for 1000,
// 1024, 1000000, 1048576 bytes); si, so: pswpin, pswpout; bi, bo: pgpgin, pgpgout (KiB); in, cs:
// intr, ctxt; us sy id wa st: shares of the cpu line's ticks. -n: the header once (it is printed
// once anyway: there is no terminal height to repeat it at).
// Usage: vmstat [-n] [-S UNIT] [DELAY [COUNT]]
import { Tool, out, ProcFile, sleepNs, PAGE_SIZE } from "../sdk";

const tool = new Tool("vmstat", "nS:", "vmstat [-n] [-S UNIT] [DELAY [COUNT]]\n" +
  "Report virtual memory statistics: averages since boot, then one line every DELAY seconds.\n" +
  "  -n       print the header only once\n  -S UNIT  memory in k (1000), K (1024), m (1000000) or M (1048576) bytes\n").parse();
const HZ: u64 = 100;                    // USER_HZ: /proc/stat's ticks per second
const KIB: u64 = 1 << 10;
const KB_PER_PAGE: u64 = PAGE_SIZE / KIB;
const NS_PER_S: i64 = 1000000000;
const HEADER = "procs -----------memory---------- ---swap-- -----io---- -system-- ------cpu-----\n" +
  " r  b   swpd   free   buff  cache   si   so    bi    bo   in   cs us sy id wa st\n";

// The counters of one sample: cpu ticks (user+nice, system+irq+softirq, idle, iowait, steal) and
// the event counts that vmstat turns into rates.
class Sample {
  us: u64 = 0; sy: u64 = 0; id: u64 = 0; wa: u64 = 0; st: u64 = 0;
  intr: u64 = 0; ctxt: u64 = 0; running: u64 = 0; blocked: u64 = 0;
  pswpin: u64 = 0; pswpout: u64 = 0; pgpgin: u64 = 0; pgpgout: u64 = 0;
  swpd: u64 = 0; free: u64 = 0; buff: u64 = 0; cache: u64 = 0;
}

function sample(): Sample {
  const s = new Sample();
  const st = new ProcFile("/proc/stat"), vm = new ProcFile("/proc/vmstat"), mi = new ProcFile("/proc/meminfo");
  if (st.err < 0) tool.fail("/proc/stat", st.err);
  if (mi.err < 0) tool.fail("/proc/meminfo", mi.err);
  if (tool.status != 0) tool.exit();
  const cpu = st.text.substring(4, st.text.indexOf("\n")).trim().split(" ");
  s.us = tick(cpu, 0) + tick(cpu, 1); s.sy = tick(cpu, 2) + tick(cpu, 5) + tick(cpu, 6);
  s.id = tick(cpu, 3); s.wa = tick(cpu, 4); s.st = tick(cpu, 7);
  s.intr = <u64>st.value("intr"); s.ctxt = <u64>st.value("ctxt");
  s.running = <u64>st.value("procs_running"); s.blocked = <u64>st.value("procs_blocked");
  s.pswpin = <u64>vm.value("pswpin"); s.pswpout = <u64>vm.value("pswpout");
  s.pgpgin = <u64>vm.value("pgpgin"); s.pgpgout = <u64>vm.value("pgpgout");
  s.swpd = <u64>(mi.value("SwapTotal") - mi.value("SwapFree")); s.free = <u64>mi.value("MemFree");
  s.buff = <u64>mi.value("Buffers"); s.cache = <u64>(mi.value("Cached") + mi.value("SReclaimable"));
  return s;
}

function tick(cpu: string[], i: i32): u64 { return i < cpu.length ? U64.parseInt(cpu[i]) : 0; }

let unitBytes: u64 = KIB;
function unit(kib: u64): u64 { return kib * KIB / unitBytes; }

function col(v: u64, w: i32): string { return v.toString().padStart(w); }

// Since boot: per second over the ticks counted (procps' divisor, rounded); later: per second of DELAY.
let div: u64 = 1, secs: u64 = 0;
function rate(n: u64): u64 { return secs == 0 ? (n * HZ + div / 2) / div : (n + secs / 2) / secs; }
function pct(n: u64): u64 { return (100 * n + div / 2) / div; }

/** One line: memory now, the rates of the counts from a to b (over `over` seconds, 0: since boot)
 *  and the cpu shares of the ticks between them. */
function line(a: Sample, b: Sample, over: u64): void {
  const us = b.us - a.us, sy = b.sy - a.sy, wa = b.wa - a.wa, st = b.st - a.st;
  let id = b.id - a.id;
  div = us + sy + id + wa + st;
  if (div == 0) { div = 1; id = 1; }
  secs = over;
  out(col(b.running, 2) + " " + col(b.blocked, 2) + " " + col(unit(b.swpd), 6) + " " + col(unit(b.free), 6) + " " +
    col(unit(b.buff), 6) + " " + col(unit(b.cache), 6) + " " +
    col(rate((b.pswpin - a.pswpin) * KB_PER_PAGE), 4) + " " + col(rate((b.pswpout - a.pswpout) * KB_PER_PAGE), 4) + " " +
    col(rate(b.pgpgin - a.pgpgin), 5) + " " + col(rate(b.pgpgout - a.pgpgout), 5) + " " +
    col(rate(b.intr - a.intr), 4) + " " + col(rate(b.ctxt - a.ctxt), 4) + " " +
    col(pct(us), 2) + " " + col(pct(sy), 2) + " " + col(pct(id), 2) + " " + col(pct(wa), 2) + " " + col(pct(st), 2) + "\n");
}

function positive(s: string, what: string): u64 {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x30 || c > 0x39) tool.die("failed to parse argument: '" + s + "'");
  }
  const n = s.length > 0 ? U64.parseInt(s) : 0;
  if (what.length > 0 && n == 0) tool.die(what);
  return n;
}

function main(): void {
  const u = tool.value("S", "K");
  if (u == "k") unitBytes = 1000; else if (u == "m") unitBytes = 1000000; else if (u == "M") unitBytes = KIB * KIB;
  else if (u != "K") tool.die("-S requires k, K, m or M (default is KiB)");
  const ops = tool.operands;
  const delay = ops.length > 0 ? positive(ops[0], "delay must be positive integer") : 0;
  const count = ops.length > 1 ? positive(ops[1], "") : (delay > 0 ? 0 : 1);    // 0: forever
  out(HEADER);
  let prev = sample();
  line(new Sample(), prev, 0);
  for (let i: u64 = 1; count == 0 || i < count; i++) {
    sleepNs(<i64>delay * NS_PER_S);
    const now = sample();
    line(prev, now, delay);
    prev = now;
  }
  tool.exit();
}

main();
