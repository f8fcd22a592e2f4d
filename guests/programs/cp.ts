// cp: copy SRC to DST with read() and write() through one 64 KiB buffer. DST is created with
// mode 0644, or truncated if it exists. Exit 1 with "cp: PATH: ERRNO" on stderr if opening,
// reading or writing fails. Usage: cp SRC DST
import {
  argc, arg, open, read, close, writeAll, eprint, exit_group, errnoName,
  O_RDONLY, O_WRONLY, O_CREAT, O_TRUNC, PAGE_SIZE,
} from "../sdk";

const BUF = 65536;
const buf = memory.data(BUF, PAGE_SIZE);

/** Report r (a -errno) against path and exit 1. */
function fail(path: string, r: i64): void {
  eprint("cp: " + path + ": " + errnoName(<i32>-r) + "\n");
  exit_group(1);
}

/** Copy in to out until end of file. */
function copy(inFd: i32, outFd: i32, src: string, dst: string): void {
  for (;;) {
    const n = read(inFd, buf, BUF);
    if (n == 0) return;
    if (n < 0) fail(src, n);
    const w = writeAll(outFd, buf, <usize>n);
    if (w < 0) fail(dst, w);
  }
}

if (argc() != 3) {
  eprint("usage: cp SRC DST\n");
  exit_group(1);
}
const src = arg(1), dst = arg(2);
const inFd = open(src, O_RDONLY);
if (inFd < 0) fail(src, inFd);
const outFd = open(dst, O_WRONLY | O_CREAT | O_TRUNC, 0o644);
if (outFd < 0) fail(dst, outFd);
copy(<i32>inFd, <i32>outFd, src, dst);
const c = close(<i32>outFd);
if (c < 0) fail(dst, c);
close(<i32>inFd);
exit_group(0);
