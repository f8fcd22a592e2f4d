// tail: print the last 10 lines (-n N) or N bytes (-c N) of each FILE (stdin with none, or for "-");
// +N starts at line or byte N instead. With several files each gets a "==> FILE <==" header, as GNU
// tail. Exit 1 if a file cannot be read.
// Usage: tail [-n [+]N | -c [+]N] [-qv] [FILE...]
import { Tool, Slurp, out, outBytes, open, close, parseInteger, O_RDONLY } from "../sdk";

const tool = new Tool("tail", "n:c:qv", "tail [-n [+]N | -c [+]N] [-qv] [FILE...]\n" +
  "Print the last 10 lines of each FILE to standard output.\n" +
  "  -n N   print the last N lines; +N: from line N on\n" +
  "  -c N   print the last N bytes; +N: from byte N on\n" +
  "  -q     never print headers   -v  always print headers\n").parse();
const bytes = tool.has("c");
const spec = tool.value(bytes ? "c" : "n", "10");
const fromStart = spec.startsWith("+");
const count = parseInteger(spec.startsWith("+") || spec.startsWith("-") ? spec.substring(1) : spec, -1);
if (count < 0) tool.die("invalid number of " + (bytes ? "bytes" : "lines") + ": '" + spec + "'");

// Where the output starts in the whole input.
function startOf(s: Slurp): usize {
  if (fromStart) {
    const skip = count > 0 ? <usize>count - 1 : 0;         // +1 and +0 are the whole input
    return bytes ? min(skip, s.len) : lineStart(s, skip);
  }
  if (bytes) return s.len > <usize>count ? s.len - <usize>count : 0;
  return s.lineStartFromEnd(<usize>count);
}

// Offset of line `skip` (0-based) from the start, or the end when there are fewer lines.
function lineStart(s: Slurp, skip: usize): usize {
  let seen: usize = 0;
  for (let p: usize = 0; p < s.len; p++) {
    if (seen == skip) return p;
    if (load<u8>(s.data + p) == 0x0a) seen++;
  }
  return s.len;
}

function tailOne(name: string, header: bool, first: bool): void {
  const fd = name == "-" ? 0 : open(name, O_RDONLY);
  if (fd < 0) { tool.fail("cannot open '" + name + "' for reading", fd); return; }
  if (header) out((first ? "" : "\n") + "==> " + (name == "-" ? "standard input" : name) + " <==\n");
  const s = new Slurp(<i32>fd);
  if (s.err < 0) tool.fail("error reading '" + name + "'", s.err);
  else { const at = startOf(s); outBytes(s.data + at, s.len - at); }
  if (fd != 0) close(<i32>fd);
}

const files = tool.operands.length > 0 ? tool.operands : ["-"];
const headers = tool.has("v") || (files.length > 1 && !tool.has("q"));
for (let i = 0; i < files.length; i++) tailOne(files[i], headers, i == 0);
tool.exit();
