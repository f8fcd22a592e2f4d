// dd: copy a file block by block, as GNU dd: if= of= (standard input and output by default),
// bs= (both block sizes: each block read is written as it is), ibs= obs= (reblocking: the input
// is gathered into obs-byte output blocks), count= (input blocks), skip= (input blocks skipped:
// lseek, or read and dropped on a pipe), seek= (output blocks skipped), conv=notrunc,sync,fsync,
// fdatasync, iflag=direct,fullblock, oflag=direct (O_DIRECT: the disk moves the data straight to
// or from dd's page-aligned buffer, no page cache), status=none,noxfer,progress. Numbers take
// GNU's suffixes (c w b kB K MB M GB G, and x products: 2x512). The output file is truncated at
// seek's offset unless conv=notrunc. At the end, on stderr: "A+B records in", "C+D records out"
// (full + partial blocks) and "N bytes (S, I) copied, T s, R/s", T on the virtual clock.
// Usage: dd [OPERAND]...
import {
  args, open, read, write, close, lseek, ftruncate, fsync, fdatasync, fcntl, F_GETFL, F_SETFL, nowNs, Tool, flushOut, eprint, strerror,
  O_RDONLY, O_WRONLY, O_CREAT, O_DIRECT, SEEK_SET, SEEK_CUR, PAGE_SIZE, Errno,
} from "../sdk";

const tool = new Tool("dd", "", "dd [OPERAND]...\nCopy a file, converting and formatting according to the operands.\n" +
  "  bs=BYTES     read and write up to BYTES bytes at a time (default: 512)\n" +
  "  ibs=BYTES    read up to BYTES bytes at a time     obs=BYTES  write BYTES bytes at a time\n" +
  "  count=N      copy only N input blocks             skip=N     skip N ibs-sized input blocks\n" +
  "  seek=N       skip N obs-sized output blocks       if=FILE    read from FILE   of=FILE  write to FILE\n" +
  "  conv=CONVS   notrunc, sync, fsync, fdatasync      iflag=FLAGS  direct, fullblock   oflag=FLAGS  direct\n" +
  "  status=LEVEL none, noxfer or progress\n");
const DEFAULT_BS: i64 = 512;
const NS_PER_S: f64 = 1e9;
const KIB: i64 = 1 << 10;            // K, and IEC's unit step

let inName = "", outName = "";
let ibs: i64 = DEFAULT_BS, obs: i64 = DEFAULT_BS, count: i64 = -1, skip: i64 = 0, seek: i64 = 0;
let notrunc = false, syncPad = false, doFsync = false, doFdatasync = false;
let inDirect = false, outDirect = false, fullblock = false, status = "";
let fullIn: i64 = 0, partIn: i64 = 0, fullOut: i64 = 0, partOut: i64 = 0, bytes: i64 = 0;

function usageError(msg: string): void {
  tool.die(msg + "\nTry 'dd --help' for more information.");
}

/** A size with GNU dd's suffixes; "invalid number" (status 1) when it is not one. */
function number(s: string): i64 {
  const x = s.indexOf("x");
  if (x > 0) return number(s.substring(0, x)) * number(s.substring(x + 1));
  let i = 0;
  while (i < s.length && s.charCodeAt(i) >= 0x30 && s.charCodeAt(i) <= 0x39) i++;
  const unit = suffix(s.substring(i));
  if (i == 0 || unit < 0) tool.die("invalid number: '" + s + "'");
  return I64.parseInt(s.substring(0, i)) * unit;
}

function suffix(u: string): i64 {
  if (u == "") return 1;
  if (u == "c") return 1;
  if (u == "w") return 2;
  if (u == "b") return 512;
  const si = ["kB", "MB", "GB", "TB"], iec = ["K", "M", "G", "T"];
  let m: i64 = 1;
  for (let i = 0; i < iec.length; i++) {
    m *= KIB;
    if (u == iec[i] || u == iec[i] + "iB" || (i == 0 && u == "k")) return m;
  }
  m = 1;
  for (let i = 0; i < si.length; i++) { m *= 1000; if (u == si[i]) return m; }
  return -1;
}

/** A block size: a positive number. */
function blockSize(s: string): i64 {
  const n = number(s);
  if (n <= 0) tool.die("invalid number: '" + s + "'");
  return n;
}

/** The words of a comma list, each one of `known` (else a usage error naming `what`). */
function words(list: string, known: string[], what: string): string[] {
  const w = list.split(",");
  for (let i = 0; i < w.length; i++) if (!known.includes(w[i])) usageError("invalid " + what + ": '" + w[i] + "'");
  return w;
}

function conv(c: string[]): void {
  if (c.includes("notrunc")) notrunc = true;
  if (c.includes("sync")) syncPad = true;
  if (c.includes("fsync")) doFsync = true;
  if (c.includes("fdatasync")) doFdatasync = true;
}

function iflag(f: string[]): void {
  if (f.includes("direct")) inDirect = true;
  if (f.includes("fullblock")) fullblock = true;
}

function operand(a: string): void {
  const eq = a.indexOf("=");
  const key = eq < 0 ? "" : a.substring(0, eq), v = a.substring(eq + 1);
  if (key == "if") inName = v;
  else if (key == "of") outName = v;
  else if (key == "bs") { ibs = blockSize(v); obs = ibs; }
  else if (key == "ibs") ibs = blockSize(v);
  else if (key == "obs") obs = blockSize(v);
  else if (key == "count") count = number(v);
  else if (key == "skip") skip = number(v);
  else if (key == "seek") seek = number(v);
  else if (key == "conv") conv(words(v, ["notrunc", "sync", "fsync", "fdatasync"], "conversion"));
  else if (key == "iflag") iflag(words(v, ["direct", "fullblock"], "input flag"));
  else if (key == "oflag") { words(v, ["direct"], "output flag"); outDirect = true; }
  else if (key == "status") { words(v, ["none", "noxfer", "progress"], "status level"); status = v; }
  else usageError("unrecognized operand '" + a + "'");
}

/** A buffer of n bytes on a page boundary (O_DIRECT needs one). */
function alignedBuffer(n: i64): usize {
  const p = heap.alloc(<usize>n + PAGE_SIZE);
  return (p + PAGE_SIZE - 1) & ~(<usize>PAGE_SIZE - 1);
}

/** "10 kB" / "9.8 KiB": one decimal below 10, rounded to nearest. */
function human(n: f64, base: f64, units: string[], per: string): string {
  let i = 0;
  while (n >= base && i < units.length - 1) { n /= base; i++; }
  const tenth = Math.round(n * 10);
  const text = tenth < 100 || (per.length > 0 && tenth < 1000) ? (<i64>tenth / 10).toString() + "." + (<i64>tenth % 10).toString() : (<i64>Math.round(n)).toString();
  return text + " " + units[i] + per;
}

/** printf's %g: 6 significant digits, trailing zeros dropped, an exponent below 1e-4. */
function g(v: f64): string {
  if (v == 0) return "0";
  let e = <i32>Math.floor(Math.log10(v));
  let digits = <i64>Math.round(v * Math.pow(10, 5 - e));
  if (digits >= 1000000) { digits /= 10; e++; }
  let m = digits.toString();
  if (e < -4) {
    const frac = trimZeros(m.substring(1));
    return m.charAt(0) + (frac.length > 0 ? "." + frac : "") + "e-" + (-e).toString().padStart(2, "0");
  }
  if (e >= 5) return m;
  if (e < 0) m = "0." + "0".repeat(-e - 1) + m;
  else m = m.substring(0, e + 1) + "." + m.substring(e + 1);
  return m.includes(".") ? trimDot(trimZeros(m)) : m;
}
function trimZeros(s: string): string { let n = s.length; while (n > 0 && s.charCodeAt(n - 1) == 0x30) n--; return s.substring(0, n); }
function trimDot(s: string): string { return s.endsWith(".") ? s.substring(0, s.length - 1) : s; }

function report(startNs: i64): void {
  if (status == "none") return;
  flushOut();
  let s = fullIn.toString() + "+" + partIn.toString() + " records in\n" + fullOut.toString() + "+" + partOut.toString() + " records out\n";
  if (status != "noxfer") {
    const secs = <f64>(nowNs() - startNs) / NS_PER_S;
    const si = ["B", "kB", "MB", "GB", "TB"], iec = ["B", "KiB", "MiB", "GiB", "TiB"];
    s += bytes.toString() + (bytes == 1 ? " byte" : " bytes");
    if (bytes >= 1000) s += " (" + human(<f64>bytes, 1000, si, "") + ", " + human(<f64>bytes, <f64>KIB, iec, "") + ")";
    s += " copied, " + g(secs) + " s, " + (secs > 0 ? human(<f64>bytes / secs, 1000, si, "/s") : "Infinity B/s") + "\n";
  }
  eprint(s);
}

function fail(what: string, name: string, r: i64, startNs: i64): void {
  tool.warn(what + " '" + name + "': " + strerror(<i32>-r));
  report(startNs);
  tool.status = 1;
  tool.exit();
}

/** Read one input block (up to ibs; with fullblock until ibs or end of input). */
function readBlock(fd: i32, buf: usize, startNs: i64): i64 {
  let got: i64 = 0;
  do {
    const n = read(fd, buf + <usize>got, <usize>(ibs - got));
    if (n < 0) fail("error reading", inName.length > 0 ? inName : "standard input", n, startNs);
    if (n <= 0) break;
    got += n;
  } while (fullblock && got < ibs);
  return got;
}

/** Write n bytes as one output record (full when n == obs). */
function writeBlock(fd: i32, buf: usize, n: i64, startNs: i64): void {
  if (outDirect && (n & (PAGE_SIZE - 1)) != 0) directOff(fd);
  let done: i64 = 0;
  while (done < n) {
    const w = write(fd, buf + <usize>done, <usize>(n - done));
    if (w < 0) fail("error writing", outName.length > 0 ? outName : "standard output", w, startNs);
    done += w;
  }
  if (n == obs) fullOut++; else partOut++;
  bytes += n;
}

/** A last, partial block cannot go O_DIRECT (its length is not a block's): write it through the
 *  page cache, as GNU dd does. */
function directOff(fd: i32): void {
  const fl = fcntl(fd, F_GETFL);
  if (fl >= 0) fcntl(fd, F_SETFL, fl & ~(<i64>O_DIRECT));
  outDirect = false;
}

function openInput(): i32 {
  if (inName.length == 0) return 0;
  const fd = open(inName, O_RDONLY | (inDirect ? O_DIRECT : 0));
  if (fd < 0) { tool.warn("failed to open '" + inName + "': " + strerror(<i32>-fd)); tool.status = 1; tool.exit(); }
  return <i32>fd;
}

function openOutput(): i32 {
  if (outName.length == 0) return 1;
  const fd = open(outName, O_WRONLY | O_CREAT | (outDirect ? O_DIRECT : 0), 0o666);
  if (fd < 0) { tool.warn("failed to open '" + outName + "': " + strerror(<i32>-fd)); tool.status = 1; tool.exit(); }
  if (!notrunc) ftruncate(<i32>fd, seek * obs);             // not a regular file (a device): nothing to cut
  return <i32>fd;
}

/** skip= on the input: lseek, or read and drop the blocks (a pipe). */
function skipInput(fd: i32, buf: usize, startNs: i64): void {
  if (skip == 0) return;
  if (lseek(fd, skip * ibs, SEEK_CUR) != -Errno.ESPIPE) return;
  for (let i: i64 = 0; i < skip && readBlock(fd, buf, startNs) > 0; i++);
}

function copy(inFd: i32, outFd: i32, startNs: i64): void {
  const ibuf = alignedBuffer(ibs);
  const reblock = ibs != obs;
  const obuf = reblock ? alignedBuffer(obs) : ibuf;
  let olen: i64 = 0;
  skipInput(inFd, ibuf, startNs);
  if (seek > 0) lseek(outFd, seek * obs, SEEK_SET);
  for (let blocks: i64 = 0; count < 0 || blocks < count; blocks++) {
    let n = readBlock(inFd, ibuf, startNs);
    if (n == 0) break;
    if (n == ibs) fullIn++; else partIn++;
    if (syncPad && n < ibs) { memory.fill(ibuf + <usize>n, 0, <usize>(ibs - n)); n = ibs; }
    if (!reblock) { writeBlock(outFd, ibuf, n, startNs); continue; }
    for (let at: i64 = 0; at < n; ) {                         // gather into obs-byte blocks
      const take = min(n - at, obs - olen);
      memory.copy(obuf + <usize>olen, ibuf + <usize>at, <usize>take);
      olen += take; at += take;
      if (olen == obs) { writeBlock(outFd, obuf, olen, startNs); olen = 0; }
    }
  }
  if (olen > 0) writeBlock(outFd, obuf, olen, startNs);
}

function main(): void {
  const argv = args();
  for (let i = 1; i < argv.length; i++) {
    if (argv[i] == "--help") tool.parse();                   // prints the usage and exits
    if (argv[i] == "--") continue;
    operand(argv[i]);
  }
  const inFd = openInput(), outFd = openOutput();
  const start = nowNs();
  copy(inFd, outFd, start);
  if (doFsync) fsync(outFd);
  if (doFdatasync) fdatasync(outFd);
  if (outFd != 1) close(outFd);
  if (inFd != 0) close(inFd);
  report(start);
  tool.exit();
}

main();
