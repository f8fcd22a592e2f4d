// uniq: copy INPUT (stdin with none, or "-") to OUTPUT (stdout with none), writing one line of each
// run of equal adjacent lines. -c prefixes each with its count ("%7d "), -d prints only repeated
// lines, -u only unique ones, -i compares ignoring ASCII case, as GNU uniq.
// Usage: uniq [-cdui] [INPUT [OUTPUT]]
import { Tool, LineReader, toLower, out, outBytes, outByte, flushOut, open, close, dup3, O_RDONLY, O_WRONLY, O_CREAT, O_TRUNC } from "../sdk";

const tool = new Tool("uniq", "cdui", "uniq [-cdui] [INPUT [OUTPUT]]\n" +
  "Filter adjacent matching lines from INPUT (or standard input), writing to OUTPUT (or standard output).\n" +
  "  -c  prefix lines by the number of occurrences\n  -d  only print duplicate lines, one for each group\n" +
  "  -u  only print unique lines\n  -i  ignore differences in case when comparing\n").parse();
if (tool.operands.length > 2) tool.die("extra operand '" + tool.operands[2] + "'");
const inName = tool.operands.length > 0 ? tool.operands[0] : "-";

let prev: usize = 0, prevLen: usize = 0, prevCap: usize = 0, count = 0;

function same(p: usize, n: usize): bool {
  if (n != prevLen) return false;
  for (let i: usize = 0; i < n; i++) {
    const a = <u32>load<u8>(prev + i), b = <u32>load<u8>(p + i);
    if (a != b && (!tool.has("i") || toLower(a) != toLower(b))) return false;
  }
  return true;
}

function emit(): void {
  if (count == 0 || (tool.has("d") && count < 2) || (tool.has("u") && count > 1)) return;
  if (tool.has("c")) out(count.toString().padStart(7) + " ");
  outBytes(prev, prevLen);
  outByte(0x0a);
}

function keep(p: usize, n: usize): void {
  if (n > prevCap) { prevCap = max(n, prevCap * 2); prev = heap.alloc(prevCap); }
  memory.copy(prev, p, n);
  prevLen = n;
}

const fd = inName == "-" ? 0 : open(inName, O_RDONLY);
if (fd < 0) { tool.fail(inName, fd); tool.exit(); }
if (tool.operands.length == 2) {
  const o = open(tool.operands[1], O_WRONLY | O_CREAT | O_TRUNC, 0o666);
  if (o < 0) { tool.fail(tool.operands[1], o); tool.exit(); }
  dup3(<i32>o, 1, 0);
  close(<i32>o);
}
const r = new LineReader(<i32>fd);
while (r.next()) {
  if (count > 0 && same(r.ptr, r.len)) { count++; continue; }
  emit();
  keep(r.ptr, r.len);
  count = 1;
}
emit();
if (r.err < 0) tool.fail(inName, r.err);
flushOut();
tool.exit();
