// free: the amount of free and used memory, from /proc/meminfo, as procps-ng free (4.x) prints it:
// used = MemTotal - MemAvailable, buff/cache = Buffers + Cached + SReclaimable, shared = Shmem;
// swap used = SwapTotal - SwapFree. Sizes in KiB (-k, the default), bytes (-b), MiB (-m), GiB
// (-g), or each in a unit of its own (-h: 3 significant figures, "61Mi", "4.0Ki", "0B").
// -w splits buffers and cache into two columns; -t adds a Total line (memory + swap).
// Usage: free [-bkmghwt]
import { Tool, out, ProcFile } from "../sdk";

const tool = new Tool("free", "bkmghwt", "free [-bkmghwt]\nDisplay the amount of free and used memory in the system.\n" +
  "  -b  show output in bytes        -k  in kibibytes (the default)\n" +
  "  -m  in mebibytes                -g  in gibibytes\n" +
  "  -h  human readable (B, Ki, Mi, Gi)\n" +
  "  -w  wide output: buffers and cache in separate columns\n  -t  show a line of totals\n").parse();
if (tool.operands.length > 0) tool.die("extra operand '" + tool.operands[0] + "'\nTry 'free --help' for more information.");

const LABEL = 8;                 // "Mem:" then the columns, each " %11s"
const COLUMN = 11;
const KIB: i64 = 1 << 10;
const UNITS = "BKMGTP";
const BYTES_WIDTH = 4;           // procps' -h: "%lldB" if it fits in 4 bytes, else the first of
const HUMAN_WIDTH = 5;           // "%.1f%ci", "%ld%ci" (K, M, G...) that fits in 5

const mi = new ProcFile("/proc/meminfo");
if (mi.err < 0) tool.fail("/proc/meminfo", mi.err);
if (mi.err < 0) tool.exit();
const total = mi.value("MemTotal"), memFree = mi.value("MemFree"), avail = mi.value("MemAvailable", memFree);
const buffers = mi.value("Buffers"), cache = mi.value("Cached") + mi.value("SReclaimable");
const swapTotal = mi.value("SwapTotal"), swapFree = mi.value("SwapFree");
const used = total > avail ? total - avail : total - memFree;
const exponent = tool.has("b") ? 1 : tool.has("m") ? 3 : tool.has("g") ? 4 : 2;   // bytes = 1024^(exponent-1) per unit

/** KiB as procps' scale_size prints them. */
function scale(kib: i64): string {
  const bytes = kib * KIB;
  if (!tool.has("h")) return (bytes / <i64>Math.pow(<f64>KIB, exponent - 1)).toString();
  if (bytes.toString().length + 1 <= BYTES_WIDTH) return bytes.toString() + "B";
  for (let i = 1; i < UNITS.length; i++) {
    const v = <f32>(<f64>bytes / Math.pow(<f64>KIB, i));
    const unit = UNITS.charAt(i) + "i";
    const tenth = oneDecimal(v) + unit;
    if (tenth.length <= HUMAN_WIDTH) return tenth;
    const whole = (<i64>v).toString() + unit;
    if (whole.length <= HUMAN_WIDTH) return whole;
  }
  return bytes.toString() + "B";
}

/** printf's "%.1f": rounded to nearest, a tie to even. */
function oneDecimal(v: f32): string {
  const x = <f64>v * 10;
  let n = Math.floor(x);
  const frac = x - n;
  if (frac > 0.5 || (frac == 0.5 && (<i64>n & 1) == 1)) n += 1;
  const t = <i64>n;
  return (t / 10).toString() + "." + (t % 10).toString();
}

function row(label: string, values: i64[]): void {
  let s = label.padEnd(LABEL);
  for (let i = 0; i < values.length; i++) s += " " + scale(values[i]).padStart(COLUMN);
  out(s + "\n");
}

const wide = tool.has("w");
out(" ".repeat(LABEL) + [" total", " used", " free", " shared"].map<string>((h: string): string => h.padStart(COLUMN + 1)).join("") +
  (wide ? " buffers".padStart(COLUMN + 1) + " cache".padStart(COLUMN + 1) : " buff/cache".padStart(COLUMN + 1)) +
  " available".padStart(COLUMN + 1) + "\n");
const shared = mi.value("Shmem");
if (wide) row("Mem:", [total, used, memFree, shared, buffers, cache, avail]);
else row("Mem:", [total, used, memFree, shared, buffers + cache, avail]);
row("Swap:", [swapTotal, swapTotal - swapFree, swapFree]);
if (tool.has("t")) row("Total:", [total + swapTotal, used + swapTotal - swapFree, memFree + swapFree]);
tool.exit();
