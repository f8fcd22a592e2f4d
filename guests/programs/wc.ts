// wc: count lines, words and bytes of each FILE (stdin with none, or for "-") and print
// "LINES WORDS BYTES NAME" as coreutils wc does: columns right-aligned to the width of the
// total size of the regular files (at least 7 when one input is not a regular file), and a
// "total" line when there are several files. A word is a run of bytes other than space, \t, \n,
// \v, \f, \r. -l, -w, -c print only those columns (in that order, as GNU wc); one column of one
// input is printed without padding. Exit 1 (after counting the rest) if a file cannot be read.
// Usage: wc [-lwc] [FILE...]
import {
  Tool, out, open, read, close, fstat, stat, O_RDONLY, STAT_SIZE, ST_MODE, ST_SIZE, S_ISREG, PAGE_SIZE,
} from "../sdk";

const BUF = 65536;
const buf = memory.data(BUF, PAGE_SIZE);
const st = memory.data(<i32>STAT_SIZE, 8);
let lines: i64 = 0, words: i64 = 0, bytes: i64 = 0;         // of the current input
let totLines: i64 = 0, totWords: i64 = 0, totBytes: i64 = 0;
const tool = new Tool("wc", "lwc", "wc [-lwc] [FILE...]\n" +
  "Print newline, word, and byte counts for each FILE, and a total line if more than one FILE is given.\n" +
  "  -l  print the newline counts\n  -w  print the word counts\n  -c  print the byte counts\n").parse();
const all = !tool.has("l") && !tool.has("w") && !tool.has("c");
const showL = all || tool.has("l"), showW = all || tool.has("w"), showC = all || tool.has("c");

// @ts-ignore: decorator
@inline function isSpace(b: u32): bool { return b == 0x20 || (b >= 0x09 && b <= 0x0d); }

/** Count fd to its end into lines, words, bytes; false (after reporting) on a read error. */
function count(fd: i32, name: string): bool {
  lines = 0; words = 0; bytes = 0;
  let inWord = false;
  let n: i64;
  while ((n = read(fd, buf, BUF)) != 0) {
    if (n < 0) { tool.fail(name, n); return false; }
    for (let p = buf; p < buf + <usize>n; p++) {
      const b = <u32>load<u8>(p);
      if (b == 0x0a) lines++;
      if (isSpace(b)) inWord = false;
      else if (!inWord) { inWord = true; words++; }
    }
    bytes += n;
  }
  return true;
}

/** coreutils' column width: digits of the regular files' total size, 7 if any input is not regular;
 *  none for one column of one input. */
function numberWidth(names: string[]): i32 {
  if (names.length == 1 && <i32>showL + <i32>showW + <i32>showC == 1) return 1;
  let minWidth = 1, total: i64 = 0;
  for (let i = 0; i < names.length; i++) {
    const r = names[i] == "-" ? fstat(0, st) : stat(names[i], st);
    if (r < 0) continue;                                  // reported when counted
    if (!S_ISREG(load<u32>(st + ST_MODE))) minWidth = 7;
    else total += load<i64>(st + ST_SIZE);
  }
  return max(total.toString().length, minWidth);
}

function report(l: i64, w: i64, c: i64, width: i32, name: string): void {
  let s = "";
  if (showL) s = l.toString().padStart(width);
  if (showW) s += (s.length > 0 ? " " : "") + w.toString().padStart(width);
  if (showC) s += (s.length > 0 ? " " : "") + c.toString().padStart(width);
  if (name.length > 0) s += " " + name;
  out(s + "\n");
}

/** Count one input and print its line; stdin for "-". */
function wcOne(name: string, width: i32, label: string): void {
  const fd = name == "-" ? 0 : open(name, O_RDONLY);
  if (fd < 0) { tool.fail(name, fd); return; }
  const ok = count(<i32>fd, name);
  if (fd != 0) close(<i32>fd);
  if (!ok) return;
  report(lines, words, bytes, width, label);
  totLines += lines; totWords += words; totBytes += bytes;
}

const names = tool.operands;
const width = numberWidth(names.length > 0 ? names : ["-"]);
if (names.length == 0) wcOne("-", width, "");
for (let i = 0; i < names.length; i++) wcOne(names[i], width, names[i]);
if (names.length > 1) report(totLines, totWords, totBytes, width, "total");
tool.exit();
