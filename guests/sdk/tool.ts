// What the command-line tools share: POSIX option parsing (getopt's rules, with --help and --),
// coreutils-style messages ("cat: x: No such file or directory"), buffered standard output, and a
// line reader that hands out lines as bytes in its buffer (nothing allocated per line: the guest
// runtime never frees).
//
// Interface:
//   Tool(name, spec, usage)     spec as getopt's: "nc:" takes -n, and -c with an argument; a
//                               leading "+" stops options at the first operand (POSIX order, for
//                               tools that run a command: xargs, env)
//     .parse()                  read argv: flags, option arguments, operands; on a bad option print
//                               coreutils' two lines and exit 1 (or the tool's usage status)
//     .has(c) .value(c, dflt)   a flag given; an option's argument (the last one given)
//     .all(c)                   every argument given to -c, in order (sort -k, repeated)
//     .operands                 the arguments that are not options ("-" included; after "--" all)
//     .fail(what, r)            "NAME: WHAT: strerror" on stderr, status 1; returns false
//     .warn(msg) .die(msg, st)  "NAME: MSG" on stderr (and exit with st)
//     .status .exit()           the exit status so far; flush stdout and exit with it
//   out(s) outBytes(p, n) outByte(b) outInt(n, width)   buffered stdout; flushOut()
//   LineReader(fd)              .next() -> bool: a line at .ptr, .len bytes (without '\n'); .nl:
//                               it ended with '\n' (the last line may not); .err: -errno or 0
//   Slurp(fd)                   the whole input at .data, .len bytes (.err: -errno or 0);
//                               .lineStartFromEnd(n): the offset where the last n lines begin
import { strerror } from "./errno";
import { argc, arg } from "./args";
import { read } from "./file";
import { writeAll, writeString } from "./print";
import { exit_group } from "./process";

const OUT_SIZE: usize = 65536;
const outBuf = memory.data(<i32>OUT_SIZE);
let outLen: usize = 0;

/** Flush buffered stdout. */
export function flushOut(): void {
  if (outLen > 0) writeAll(1, outBuf, outLen);
  outLen = 0;
}

export function outBytes(p: usize, n: usize): void {
  if (outLen + n > OUT_SIZE) flushOut();
  if (n >= OUT_SIZE) { writeAll(1, p, n); return; }
  memory.copy(outBuf + outLen, p, n);
  outLen += n;
}

export function outByte(b: u32): void {
  if (outLen == OUT_SIZE) flushOut();
  store<u8>(outBuf + outLen++, <u8>b);
}

/** s as UTF-8 on buffered stdout. */
export function out(s: string): void {
  const n = String.UTF8.byteLength(s);
  if (outLen + <usize>n > OUT_SIZE) flushOut();
  if (<usize>n > OUT_SIZE) { writeString(1, s); return; }
  outLen += String.UTF8.encodeUnsafe(changetype<usize>(s), s.length, outBuf + outLen);
}

/** n in decimal, right-aligned in width columns. */
export function outInt(n: i64, width: i32 = 0): void {
  out(n.toString().padStart(width));
}

export class Tool {
  name: string;
  spec: string;
  usage: string;
  status: i32 = 0;
  usageStatus: i32 = 1;
  operands: string[] = [];
  private flags: string = "";
  private values: Map<string, string> = new Map<string, string>();
  private given: string[] = [];                 // "c" + argument, for each option argument in order

  constructor(name: string, spec: string, usage: string) {
    this.name = name; this.spec = spec; this.usage = usage;
  }

  /** Parse argv as GNU getopt does: grouped options (-la), arguments joined or next (-n5, -n 5),
   *  options and operands in any order, "--" ends the options, "-" is an operand. */
  parse(): Tool {
    for (let i = 1; i < argc(); i++) {
      const a = arg(i);
      if (a == "--") { for (i++; i < argc(); i++) this.operands.push(arg(i)); break; }
      if (a == "--help") this.help();
      if (a.startsWith("--")) this.bad("unrecognized option '" + a + "'");
      if (a.length < 2 || a.charCodeAt(0) != 0x2d) {
        if (this.spec.startsWith("+")) { for (; i < argc(); i++) this.operands.push(arg(i)); break; }
        this.operands.push(a); continue;
      }
      if (!this.group(a, i)) i++;                               // the option's argument was the next word
    }
    return this;
  }

  /** Whether -c was given. */
  has(c: string): bool { return this.flags.includes(c); }

  /** The argument of -c (the last one given), or dflt. */
  value(c: string, dflt: string = ""): string { return this.values.has(c) ? this.values.get(c) : dflt; }

  /** Every argument given to -c, in order. */
  all(c: string): string[] {
    const r: string[] = [];
    for (let i = 0; i < this.given.length; i++) if (this.given[i].charAt(0) == c) r.push(this.given[i].substring(1));
    return r;
  }

  /** Report a failed call on WHAT (r: -errno) as coreutils does; the exit status becomes 1. */
  fail(what: string, r: i64): bool {
    this.warn(what + ": " + strerror(<i32>-r));
    this.status = 1;
    return false;
  }

  warn(msg: string): void {
    flushOut();
    writeString(2, this.name + ": " + msg + "\n");
  }

  die(msg: string, status: i32 = 1): void {
    this.warn(msg);
    this.status = status;
    this.exit();
  }

  exit(): void {
    flushOut();
    exit_group(this.status);
  }

  private help(): void {
    out("Usage: " + this.usage + "\n");
    this.status = 0;
    this.exit();
  }

  // One word of options; false when its last option took the next word as its argument.
  private group(a: string, i: i32): bool {
    for (let j = 1; j < a.length; j++) {
      const c = a.charAt(j);
      const at = this.spec.indexOf(c);
      if (c == ":" || c == "+" || at < 0) this.bad("invalid option -- '" + c + "'");
      if (at + 1 < this.spec.length && this.spec.charAt(at + 1) == ":") {
        if (j + 1 < a.length) { this.setValue(c, a.substring(j + 1)); this.flags += c; return true; }
        if (i + 1 >= argc()) this.bad("option requires an argument -- '" + c + "'");
        this.setValue(c, arg(i + 1));
        this.flags += c;
        return false;
      }
      this.flags += c;
    }
    return true;
  }

  private setValue(c: string, v: string): void {
    this.values.set(c, v);
    this.given.push(c + v);
  }

  private bad(msg: string): void {
    this.warn(msg);
    writeString(2, "Try '" + this.name + " --help' for more information.\n");
    this.status = this.usageStatus;
    this.exit();
  }
}

const LINE_BUF: usize = 65536;

/** Lines of an fd, each as bytes in the reader's buffer (valid until the next call). */
export class LineReader {
  fd: i32;
  ptr: usize = 0;
  len: usize = 0;
  nl: bool = false;
  err: i64 = 0;
  private buf: usize;
  private cap: usize = LINE_BUF;
  private start: usize = 0;      // unconsumed bytes: buf[start, end)
  private end: usize = 0;
  private eof: bool = false;

  constructor(fd: i32) {
    this.fd = fd;
    this.buf = heap.alloc(LINE_BUF);
  }

  /** The next line, or false at end of input (or on an error: see err). */
  next(): bool {
    for (;;) {
      const nl = this.find();
      if (nl >= 0) return this.take(<usize>nl - this.start, true);
      if (this.eof) return this.end > this.start ? this.take(this.end - this.start, false) : false;
      if (!this.fill()) return false;
    }
    return false;   // not reached
  }

  private find(): isize {
    for (let p = this.start; p < this.end; p++) if (load<u8>(this.buf + p) == 0x0a) return <isize>p;
    return -1;
  }

  private take(n: usize, nl: bool): bool {
    this.ptr = this.buf + this.start; this.len = n; this.nl = nl;
    this.start += n + (nl ? 1 : 0);
    return true;
  }

  // Move what is left to the front (growing the buffer for a long line) and read more.
  private fill(): bool {
    const left = this.end - this.start;
    if (this.start > 0) { memory.copy(this.buf, this.buf + this.start, left); this.start = 0; this.end = left; }
    if (this.end == this.cap) { this.buf = heap.realloc(this.buf, this.cap * 2); this.cap *= 2; }
    const n = read(this.fd, this.buf + this.end, this.cap - this.end);
    if (n < 0) { this.err = n; return false; }
    if (n == 0) this.eof = true;
    this.end += <usize>n;
    return true;
  }
}

/** A whole input in one growing buffer (for tools that must see the end first: tail, sort). */
export class Slurp {
  data: usize;
  len: usize = 0;
  err: i64 = 0;
  private cap: usize = LINE_BUF;

  constructor(fd: i32) {
    this.data = heap.alloc(this.cap);
    while (this.more(fd));
  }

  // Read once more (growing the buffer when full); false at end of input or on an error.
  private more(fd: i32): bool {
    if (this.len == this.cap) { this.data = heap.realloc(this.data, this.cap * 2); this.cap *= 2; }
    const n = read(fd, this.data + this.len, this.cap - this.len);
    if (n < 0) this.err = n;
    if (n <= 0) return false;
    this.len += <usize>n;
    return true;
  }

  /** Offset of the first byte of the last n lines (a last line without '\n' counts as one). */
  lineStartFromEnd(n: usize): usize {
    if (n == 0) return this.len;
    let p = this.len;
    if (p > 0 && load<u8>(this.data + p - 1) == 0x0a) p--;     // the final newline ends the last line
    let seen: usize = 0;
    while (p > 0) {
      if (load<u8>(this.data + p - 1) == 0x0a && ++seen == n) return p;
      p--;
    }
    return 0;
  }
}
