// sort: write the lines of all FILEs (stdin with none, or "-") sorted, as GNU sort in the C locale
// (bytes compared as unsigned). A stable merge sort of line indices; equal keys fall back to the
// whole line's bytes unless -s or -u. Options: -n numeric (leading blanks, '-', digits, '.'), -r
// reverse, -f fold lower case to upper, -b ignore leading blanks, -u one line of each run of equal
// keys, -s stable (no last-resort comparison), -t SEP field separator (default: blank-to-nonblank
// transitions, the blanks belonging to the next field), -k POS1[,POS2] a key (F[.C][bfnr] each;
// repeatable; a key with no letters of its own takes the global ones), -c / -C check only
// ("sort: FILE:N: disorder: LINE", exit 1), -o FILE output (opened after all input is read).
// Exit 2 on an error, as GNU sort.
// Usage: sort [-bcCfnrsu] [-k POS1[,POS2]]... [-t SEP] [-o FILE] [FILE...]
import { Tool, Slurp, strerror, toUpper, isDigit, outBytes, outByte, flushOut, open, close, dup3, O_RDONLY, O_WRONLY, O_CREAT, O_TRUNC } from "../sdk";

const tool = new Tool("sort", "bcCfnrsuk:t:o:", "sort [OPTION]... [FILE]...\n" +
  "Write sorted concatenation of all FILE(s) to standard output.\n" +
  "  -b  ignore leading blanks\n  -f  fold lower case to upper case characters\n" +
  "  -n  compare according to string numerical value\n  -r  reverse the result of comparisons\n" +
  "  -c  check for sorted input; do not sort\n  -C  like -c, but do not report first bad line\n" +
  "  -k POS1[,POS2]  start a key at POS1 (origin 1), end it at POS2 (default end of line)\n" +
  "  -o FILE  write result to FILE instead of standard output\n  -s  stabilize sort by disabling last-resort comparison\n" +
  "  -t SEP  use SEP instead of non-blank to blank transition\n  -u  output only the first of an equal run\n");
tool.usageStatus = 2;
tool.parse();

const NONE: i32 = -1;                  // no -t: fields split at blank-to-nonblank transitions
const TAB = 0x09, SPACE = 0x20, DOT = 0x2e, MINUS = 0x2d, COMMA = 0x2c, NL = 0x0a;

class Key {
  sword: i32 = 0; schar: i32 = 0;      // start: field and character (0-based)
  eword: i32 = i32.MAX_VALUE; echar: i32 = 0;   // end: field (0-based), character (0: the field's end)
  skipsBlanks: bool = false; skipeBlanks: bool = false;
  numeric: bool = false; fold: bool = false; reverse: bool = false;
  hasOpts(): bool { return this.skipsBlanks || this.skipeBlanks || this.numeric || this.fold || this.reverse; }
}

function isBlank(b: u32): bool { return b == SPACE || b == TAB; }

function badSpec(why: string, spec: string): void { tool.die(why + ": invalid field specification '" + spec + "'", 2); }

// Digits at s[i..]: the count (-1 if none); where they end goes to parseEnd.
let parseEnd = 0;
function count(s: string, i: i32): i32 {
  let n = 0, j = i;
  while (j < s.length && isDigit(s.charCodeAt(j))) { n = min(n * 10 + s.charCodeAt(j) - 0x30, 1 << 30); j++; }
  parseEnd = j;
  return j == i ? -1 : n;
}

// Ordering letters at s[i..] for key k (end: they follow POS2); returns where they stop.
function letters(s: string, i: i32, k: Key, end: bool): i32 {
  for (; i < s.length; i++) {
    const c = s.charAt(i);
    if (c == "b") { if (end) k.skipeBlanks = true; else k.skipsBlanks = true; }
    else if (c == "n") k.numeric = true;
    else if (c == "f") k.fold = true;
    else if (c == "r") k.reverse = true;
    else break;
  }
  return i;
}

function parseKey(s: string): Key {
  const k = new Key();
  let f = count(s, 0);
  if (f < 0) tool.die("invalid number at field start: invalid count at start of '" + s + "'", 2);
  if (f == 0) badSpec("field number is zero", s);
  k.sword = f - 1;
  let i = parseEnd;
  if (i < s.length && s.charCodeAt(i) == DOT) {
    const c = count(s, i + 1);
    if (c < 0) tool.die("invalid number after '.': invalid count at start of '" + s.substring(i + 1) + "'", 2);
    if (c == 0) badSpec("character offset is zero", s);
    k.schar = c - 1; i = parseEnd;
  }
  i = letters(s, i, k, false);
  if (i < s.length && s.charCodeAt(i) == COMMA) {
    f = count(s, i + 1);
    if (f < 0) tool.die("invalid number after ',': invalid count at start of '" + s.substring(i + 1) + "'", 2);
    if (f == 0) badSpec("field number is zero", s);
    k.eword = f - 1; i = parseEnd;
    if (i < s.length && s.charCodeAt(i) == DOT) {
      const c = count(s, i + 1);
      if (c < 0) tool.die("invalid number after '.': invalid count at start of '" + s.substring(i + 1) + "'", 2);
      k.echar = c; i = parseEnd;
    }
    i = letters(s, i, k, true);
  }
  if (i < s.length) badSpec("stray character in field spec", s);
  return k;
}

// The global options, and the keys (one whole-line key when no -k) inheriting them.
const global = new Key();
global.skipsBlanks = global.skipeBlanks = tool.has("b");
global.numeric = tool.has("n"); global.fold = tool.has("f"); global.reverse = tool.has("r");
const keys: Key[] = [];
const specs = tool.all("k");
for (let i = 0; i < specs.length; i++) keys.push(parseKey(specs[i]));
if (keys.length == 0) keys.push(new Key());
for (let i = 0; i < keys.length; i++) {
  const k = keys[i];
  if (k.hasOpts()) continue;
  k.skipsBlanks = global.skipsBlanks; k.skipeBlanks = global.skipeBlanks;
  k.numeric = global.numeric; k.fold = global.fold; k.reverse = global.reverse;
}
let tab = NONE;
if (tool.has("t")) {
  const t = tool.value("t");
  if (t.length != 1) tool.die(t.length == 0 ? "empty tab" : "multi-character tab '" + t + "'", 2);
  tab = t.charCodeAt(0);
}
const unique = tool.has("u"), stable = tool.has("s");
const check = tool.has("c") || tool.has("C");

// Lines: start offsets into one buffer and lengths (without the '\n').
const starts: usize[] = [], lens: usize[] = [];

/** Where key k starts in the line p[0..n). */
function begField(p: usize, n: usize, k: Key): usize {
  let q = p; const lim = p + n;
  for (let w = k.sword; q < lim && w > 0; w--) {
    if (tab != NONE) { while (q < lim && <i32>load<u8>(q) != tab) q++; if (q < lim) q++; }
    else { while (q < lim && isBlank(load<u8>(q))) q++; while (q < lim && !isBlank(load<u8>(q))) q++; }
  }
  if (k.skipsBlanks) while (q < lim && isBlank(load<u8>(q))) q++;
  return min(q + <usize>k.schar, lim);
}

/** Where key k ends in the line p[0..n). */
function limField(p: usize, n: usize, k: Key): usize {
  const lim = p + n;
  if (k.eword == i32.MAX_VALUE) return lim;
  let q = p;
  let w = k.eword + (k.echar == 0 ? 1 : 0);
  for (; q < lim && w > 0; w--) {
    if (tab != NONE) { while (q < lim && <i32>load<u8>(q) != tab) q++; if (q < lim && (w > 1 || k.echar != 0)) q++; }
    else { while (q < lim && isBlank(load<u8>(q))) q++; while (q < lim && !isBlank(load<u8>(q))) q++; }
  }
  if (k.echar != 0) {
    if (k.skipeBlanks) while (q < lim && isBlank(load<u8>(q))) q++;
    q = min(lim, q + <usize>k.echar);
  }
  return q;
}

// A number's parts for -n: sign, integer digits without leading zeros, fraction digits.
let nNeg = false, nInt: usize = 0, nIntLen: usize = 0, nFrac: usize = 0, nFracLen: usize = 0;
function scanNumber(a: usize, lim: usize): void {
  while (a < lim && isBlank(load<u8>(a))) a++;
  nNeg = a < lim && load<u8>(a) == MINUS;
  if (nNeg) a++;
  while (a < lim && load<u8>(a) == 0x30) a++;
  nInt = a;
  while (a < lim && isDigit(load<u8>(a))) a++;
  nIntLen = a - nInt;
  nFrac = a; nFracLen = 0;
  if (a < lim && load<u8>(a) == DOT) {
    nFrac = ++a;
    while (a < lim && isDigit(load<u8>(a))) a++;
    nFracLen = a - nFrac;
    while (nFracLen > 0 && load<u8>(nFrac + nFracLen - 1) == 0x30) nFracLen--;
  }
  if (nIntLen == 0 && nFracLen == 0) nNeg = false;      // -0 is 0
}

function digitsCmp(a: usize, an: usize, b: usize, bn: usize): i32 {
  const n = max(an, bn);
  for (let i: usize = 0; i < n; i++) {
    const x = i < an ? <i32>load<u8>(a + i) : 0x30, y = i < bn ? <i32>load<u8>(b + i) : 0x30;
    if (x != y) return x - y;
  }
  return 0;
}

function numCompare(a: usize, al: usize, b: usize, bl: usize): i32 {
  scanNumber(a, al);
  const neg = nNeg, ai = nInt, ail = nIntLen, af = nFrac, afl = nFracLen;
  scanNumber(b, bl);
  if (neg != nNeg) return neg ? -1 : 1;
  let d = ail != nIntLen ? <i32>ail - <i32>nIntLen : digitsCmp(ai, ail, nInt, nIntLen);
  if (d == 0) d = digitsCmp(af, afl, nFrac, nFracLen);
  return neg ? -d : d;
}

function bytesCompare(a: usize, al: usize, b: usize, bl: usize, fold: bool): i32 {
  const n = min(al - a, bl - b);
  for (let i: usize = 0; i < n; i++) {
    let x = <u32>load<u8>(a + i), y = <u32>load<u8>(b + i);
    if (fold) { x = toUpper(x); y = toUpper(y); }
    if (x != y) return <i32>x - <i32>y;
  }
  return <i32>(al - a) - <i32>(bl - b);
}

/** Compare lines i and j by the keys only. */
function keyCompare(i: i32, j: i32): i32 {
  const p = starts[i], n = lens[i], q = starts[j], m = lens[j];
  for (let x = 0; x < keys.length; x++) {
    const k = keys[x];
    const a = begField(p, n, k), b = begField(q, m, k);
    const al = max(a, limField(p, n, k)), bl = max(b, limField(q, m, k));
    const d = k.numeric ? numCompare(a, al, b, bl) : bytesCompare(a, al, b, bl, k.fold);
    if (d != 0) return k.reverse ? -d : d;
  }
  return 0;
}

/** Compare lines i and j: keys, then (unless -s or -u) the whole lines' bytes. */
function compare(i: i32, j: i32): i32 {
  const d = keyCompare(i, j);
  if (d != 0 || unique || stable) return d;
  const e = bytesCompare(starts[i], starts[i] + lens[i], starts[j], starts[j] + lens[j], false);
  return global.reverse ? -e : e;
}

/** Stable merge sort of the indices a[lo, hi) using tmp. */
function mergeSort(a: StaticArray<i32>, tmp: StaticArray<i32>, lo: i32, hi: i32): void {
  if (hi - lo < 2) return;
  const mid = lo + ((hi - lo) >> 1);
  mergeSort(a, tmp, lo, mid);
  mergeSort(a, tmp, mid, hi);
  if (compare(a[mid - 1], a[mid]) <= 0) return;
  let i = lo, j = mid, o = lo;
  while (i < mid && j < hi) tmp[o++] = compare(a[j], a[i]) < 0 ? a[j++] : a[i++];
  while (i < mid) tmp[o++] = a[i++];
  while (j < hi) tmp[o++] = a[j++];
  for (let x = lo; x < hi; x++) a[x] = tmp[x];
}

/** Read one input and record its lines; false (after the message) if it cannot be read. */
function readInput(name: string): bool {
  const fd = name == "-" ? 0 : open(name, O_RDONLY);
  if (fd < 0) { tool.warn("cannot read: " + name + ": " + errText(fd)); return false; }
  const s = new Slurp(<i32>fd);
  if (fd > 0) close(<i32>fd);
  if (s.err < 0) { tool.warn("read failed: " + name + ": " + errText(s.err)); return false; }
  let b: usize = 0;
  for (let p: usize = 0; p < s.len; p++) {
    if (load<u8>(s.data + p) != NL) continue;
    starts.push(s.data + b); lens.push(p - b); b = p + 1;
  }
  if (b < s.len) { starts.push(s.data + b); lens.push(s.len - b); }
  return true;
}

function errText(r: i64): string { return strerror(<i32>-r); }

/** -c/-C: report the first line out of order (with -u, also one equal to the line before). */
function checkOrder(name: string): void {
  for (let i = 1; i < starts.length; i++) {
    const d = compare(i - 1, i);
    if (d < 0 || (d == 0 && !unique)) continue;
    if (tool.has("c")) {
      flushOut();
      tool.warn(name + ":" + (i + 1).toString() + ": disorder: " + String.UTF8.decodeUnsafe(starts[i], lens[i]));
    }
    tool.status = 1;
    tool.exit();
  }
  tool.exit();
}

const files = tool.operands.length > 0 ? tool.operands : ["-"];
if (check && files.length > 1) tool.die("extra operand '" + files[1] + "' not allowed with -" + (tool.has("c") ? "c" : "C"), 2);
for (let i = 0; i < files.length; i++) if (!readInput(files[i])) { tool.status = 2; tool.exit(); }
if (check) checkOrder(files[0]);

const n = starts.length;
const order = new StaticArray<i32>(n), tmp = new StaticArray<i32>(n);
for (let i = 0; i < n; i++) order[i] = i;
mergeSort(order, tmp, 0, n);
if (tool.has("o")) {
  const o = open(tool.value("o"), O_WRONLY | O_CREAT | O_TRUNC, 0o666);
  if (o < 0) tool.die("open failed: " + tool.value("o") + ": " + errText(o), 2);
  dup3(<i32>o, 1, 0);
  close(<i32>o);
}
for (let x = 0; x < n; x++) {
  const i = order[x];
  if (unique && x > 0 && keyCompare(order[x - 1], i) == 0) continue;
  outBytes(starts[i], lens[i]);
  outByte(NL);
}
tool.exit();
