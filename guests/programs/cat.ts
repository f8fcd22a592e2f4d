// cat: copy each FILE (stdin with none, or for "-") to stdout. Plain, it moves the bytes with read()
// and write() through one 64 KiB buffer (the copy path the zero-copy lab traces); with -n, -b, -E or
// -s it goes line by line as GNU cat does. Exit 1 if a file cannot be opened or read.
// Usage: cat [-nbEs] [FILE...]
import {
  Tool, LineReader, out, outBytes, outByte, open, read, close, writeAll, O_RDONLY, PAGE_SIZE,
} from "../sdk";

const BUF = 65536;
const buf = memory.data(BUF, PAGE_SIZE);
const tool = new Tool("cat", "nbEs", "cat [-nbEs] [FILE...]\n" +
  "Concatenate FILE(s) to standard output (standard input with no FILE, or when FILE is -).\n" +
  "  -n  number all output lines\n  -b  number nonempty output lines (overrides -n)\n" +
  "  -E  display $ at end of each line\n  -s  suppress repeated empty output lines\n").parse();
const lined = tool.has("n") || tool.has("b") || tool.has("E") || tool.has("s");
let lineNo = 0;
let blankRun = 0;

function copy(fd: i32, name: string): void {
  for (;;) {
    const n = read(fd, buf, BUF);
    if (n == 0) return;
    if (n < 0) { tool.fail(name, n); return; }
    writeAll(1, buf, <usize>n);
  }
}

function number(): void {
  out((++lineNo).toString().padStart(6));
  outByte(0x09);
}

// One line as -n/-b/-E/-s say (line numbers run on across files, as GNU cat's).
function catLine(r: LineReader): void {
  const blank = r.len == 0 && r.nl;
  blankRun = blank ? blankRun + 1 : 0;
  if (tool.has("s") && blankRun > 1) return;
  if (tool.has("b") ? !blank : tool.has("n")) number();
  outBytes(r.ptr, r.len);
  if (r.nl) { if (tool.has("E")) outByte(0x24); outByte(0x0a); }
}

function catLines(fd: i32, name: string): void {
  const r = new LineReader(fd);
  while (r.next()) catLine(r);
  if (r.err < 0) tool.fail(name, r.err);
}

function catOne(name: string): void {
  const fd = name == "-" ? 0 : open(name, O_RDONLY);
  if (fd < 0) { tool.fail(name, fd); return; }
  if (lined) catLines(<i32>fd, name); else copy(<i32>fd, name);
  if (fd != 0) close(<i32>fd);
}

const files = tool.operands.length > 0 ? tool.operands : ["-"];
for (let i = 0; i < files.length; i++) catOne(files[i]);
tool.exit();
