// tr: copy stdin to stdout translating, squeezing (-s) or deleting (-d) bytes. SET1 and SET2 are
// bytes, ranges (a-z), escapes (\n \t \\ \NNN) and classes ([:lower:] [:upper:] [:digit:]
// [:alpha:] [:alnum:] [:space:] [:punct:]); -c uses the complement of SET1. A shorter SET2 is
// padded with its last byte, as GNU tr.
// Usage: tr [-cds] SET1 [SET2]
import { Tool, read, outByte, PAGE_SIZE } from "../sdk";

const tool = new Tool("tr", "cds", "tr [-cds] SET1 [SET2]\n" +
  "Translate, squeeze, and/or delete characters from standard input, writing to standard output.\n" +
  "  -c  use the complement of SET1\n  -d  delete characters in SET1, do not translate\n" +
  "  -s  replace each sequence of a repeated character that is listed in the last specified SET\n").parse();
const ops = tool.operands;
const del = tool.has("d"), squeeze = tool.has("s");
if (ops.length == 0) tool.die("missing operand\nTry 'tr --help' for more information.");
if (!del && !squeeze && ops.length < 2) tool.die("missing operand after '" + ops[0] + "'\nTwo strings must be given when translating.\nTry 'tr --help' for more information.");
if (ops.length > 2 || (del && !squeeze && ops.length > 1)) tool.die("extra operand '" + ops[ops.length - 1] + "'\nTry 'tr --help' for more information.");

const CLASSES = ["lower", "upper", "digit", "alpha", "alnum", "space", "punct"];
function inClass(k: i32, b: i32): bool {
  const lo = b >= 0x61 && b <= 0x7a, up = b >= 0x41 && b <= 0x5a, dg = b >= 0x30 && b <= 0x39;
  if (k == 0) return lo; if (k == 1) return up; if (k == 2) return dg;
  if (k == 3) return lo || up; if (k == 4) return lo || up || dg;
  if (k == 5) return b == 0x20 || (b >= 0x09 && b <= 0x0d);
  return b > 0x20 && b < 0x7f && !(lo || up || dg);
}

// One byte of a set at s[i] (an escape or a plain byte); sets `at` past it.
let at = 0;
function oneByte(s: string, i: i32): i32 {
  let c = s.charCodeAt(i);
  at = i + 1;
  if (c != 0x5c || i + 1 >= s.length) return c;
  c = s.charCodeAt(i + 1);
  at = i + 2;
  if (c >= 0x30 && c <= 0x37) {
    let v = 0, k = 0;
    for (let j = i + 1; k < 3 && j < s.length && s.charCodeAt(j) >= 0x30 && s.charCodeAt(j) <= 0x37; j++, k++) { v = v * 8 + s.charCodeAt(j) - 0x30; at = j + 1; }
    return v & 0xff;
  }
  const e = "ntrfvab\\".indexOf(String.fromCharCode(c));
  return e < 0 ? c : [0x0a, 0x09, 0x0d, 0x0c, 0x0b, 0x07, 0x08, 0x5c][e];
}

// A set as the list of its bytes, in order.
function expand(s: string): i32[] {
  const outSet: i32[] = [];
  for (let i = 0; i < s.length; ) {
    if (s.charAt(i) == "[" && s.charAt(i + 1) == ":") {
      const end = s.indexOf(":]", i + 2), k = end < 0 ? -1 : CLASSES.indexOf(s.substring(i + 2, end));
      if (k >= 0) { for (let b = 0; b < 256; b++) if (inClass(k, b)) outSet.push(b); i = end + 2; continue; }
    }
    const a = oneByte(s, i);
    if (at + 1 < s.length && s.charAt(at) == "-") {
      const b = oneByte(s, at + 1);
      if (b < a) tool.die("range-endpoints of '" + String.fromCharCode(a) + "-" + String.fromCharCode(b) + "' are in reverse collating sequence order");
      for (let x = a; x <= b; x++) outSet.push(x);
      i = at;
      continue;
    }
    outSet.push(a);
    i = at;
  }
  return outSet;
}

const inSet1 = new StaticArray<bool>(256), inLast = new StaticArray<bool>(256);
const map = new StaticArray<i32>(256);
let set1 = expand(ops[0]);
if (tool.has("c")) {
  const c: i32[] = [];
  for (let b = 0; b < 256; b++) if (!set1.includes(b)) c.push(b);
  set1 = c;
}
for (let i = 0; i < set1.length; i++) inSet1[set1[i]] = true;
for (let b = 0; b < 256; b++) map[b] = b;
const translating = !del && ops.length == 2;
const set2 = ops.length == 2 ? expand(ops[1]) : [] as i32[];
if (translating) {
  if (set2.length == 0) tool.die("when not truncating set1, string2 must be non-empty");
  for (let i = 0; i < set1.length; i++) map[set1[i]] = set2[min(i, set2.length - 1)];
}
const last = del || ops.length == 1 ? (del ? set2 : set1) : set2;
for (let i = 0; i < last.length; i++) inLast[last[i]] = true;

const BUF = 65536;
const buf = memory.data(BUF, PAGE_SIZE);
let prevOut = -1;
for (;;) {
  const n = read(0, buf, BUF);
  if (n < 0) { tool.fail("read error", n); break; }
  if (n == 0) break;
  for (let i = 0; i < <i32>n; i++) {
    const b = <i32>load<u8>(buf + i);
    if (del && inSet1[b]) continue;
    const o = map[b];
    if (squeeze && o == prevOut && inLast[o]) continue;
    outByte(<u32>o);
    prevOut = o;
  }
}
tool.exit();
