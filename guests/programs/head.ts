// head: print the first 10 lines (-n N) or N bytes (-c N) of each FILE (stdin with none, or for "-");
// a negative N prints all but the last N. With several files each gets a "==> FILE <==" header, as
// GNU head. Exit 1 if a file cannot be read.
// Usage: head [-n N | -c N] [-qv] [FILE...]
import { Tool, LineReader, Slurp, out, outBytes, outByte, open, read, close, parseInteger, O_RDONLY, PAGE_SIZE } from "../sdk";

const BUF = 65536;
const buf = memory.data(BUF, PAGE_SIZE);
const tool = new Tool("head", "n:c:qv", "head [-n N | -c N] [-qv] [FILE...]\n" +
  "Print the first 10 lines of each FILE to standard output.\n" +
  "  -n N  print the first N lines; -N: all but the last N\n" +
  "  -c N  print the first N bytes; -N: all but the last N\n" +
  "  -q    never print headers   -v  always print headers\n").parse();
const bytes = tool.has("c");
const spec = tool.value(bytes ? "c" : "n", "10");
const count = parseInteger(spec.startsWith("-") ? spec.substring(1) : spec, -1);
const allBut = spec.startsWith("-");
if (count < 0) tool.die("invalid number of " + (bytes ? "bytes" : "lines") + ": '" + spec + "'");

function headLines(fd: i32): i64 {
  const r = new LineReader(fd);
  for (let i: i64 = 0; i < count && r.next(); i++) { outBytes(r.ptr, r.len); if (r.nl) outByte(0x0a); }
  return r.err;
}

function headBytes(fd: i32): i64 {
  let left = count;
  while (left > 0) {
    const n = read(fd, buf, <usize>min<i64>(left, BUF));
    if (n <= 0) return n;
    outBytes(buf, <usize>n);
    left -= n;
  }
  return 0;
}

// All but the last `count` lines or bytes: the whole input first.
function headAllBut(fd: i32): i64 {
  const s = new Slurp(fd);
  if (s.err < 0) return s.err;
  const end = bytes ? (s.len > <usize>count ? s.len - <usize>count : 0) : s.lineStartFromEnd(<usize>count);
  outBytes(s.data, end);
  return 0;
}

function headOne(name: string, header: bool, first: bool): void {
  const fd = name == "-" ? 0 : open(name, O_RDONLY);
  if (fd < 0) { tool.fail("cannot open '" + name + "' for reading", fd); return; }
  if (header) out((first ? "" : "\n") + "==> " + (name == "-" ? "standard input" : name) + " <==\n");
  const r = allBut ? headAllBut(<i32>fd) : bytes ? headBytes(<i32>fd) : headLines(<i32>fd);
  if (r < 0) tool.fail("error reading '" + name + "'", r);
  if (fd != 0) close(<i32>fd);
}

const files = tool.operands.length > 0 ? tool.operands : ["-"];
const headers = tool.has("v") || (files.length > 1 && !tool.has("q"));
for (let i = 0; i < files.length; i++) headOne(files[i], headers, i == 0);
tool.exit();
