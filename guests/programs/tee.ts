// tee: copy stdin to stdout and to each FILE (created or truncated; appended to with -a). When
// stdin and stdout are both pipes the data never enters user memory: tee(2) duplicates stdin's
// slots into stdout (page references, no copy), each extra FILE gets its own duplicate through a
// private pipe, and the last FILE takes the data off stdin by splice (one copy into its page
// cache, as Linux); with no FILE at all, stdin is spliced to stdout. Otherwise (and with -a, as
// splice refuses an O_APPEND file) it reads into a buffer and writes it everywhere.
// Exit 0, or 1 if a FILE could not be opened or written ("tee: FILE: No such file or directory";
// the others go on), as GNU tee. -i: ignore SIGINT.
// Usage: tee [-ai] [FILE...]
import { Tool, open, read, close, writeAll, tee, splice, pipe2, fcntl, sigignore, Errno, Sig,
  O_WRONLY, O_CREAT, O_TRUNC, O_APPEND, F_GETPIPE_SZ, F_SETPIPE_SZ, PAGE_SIZE } from "../sdk";

const BUF: usize = 65536;
const buf = memory.data(<i32>BUF, PAGE_SIZE);
const pfds = memory.data(8);
const files = new Array<i32>();
const names = new Array<string>();
const tool = new Tool("tee", "ai", "tee [OPTION]... [FILE]...\nCopy standard input to each FILE, and also to standard output.\n" +
  "  -a  append to the given FILEs, do not overwrite\n  -i  ignore interrupt signals\n").parse();

function fail(name: string, r: i64): void { tool.fail(name, r); }

/** Move n bytes from the pipe `from` to fd `to` by splice; the bytes moved (n unless it failed). */
function drain(from: i32, to: i32, n: i64, name: string): i64 {
  let moved: i64 = 0;
  while (moved < n) {
    const r = splice(from, 0, to, 0, <usize>(n - moved), 0);
    if (r <= 0) { fail(name, r == 0 ? -Errno.EIO : r); break; }
    moved += r;
  }
  return moved;
}

/** The zero-copy path; returns false (nothing consumed) if stdin or stdout is not a pipe. */
function teePipes(): bool {
  let n = tee(0, 1, BUF, 0);
  if (n == -Errno.EINVAL) return false;
  const extra = new Array<i32>(), extraIn = new Array<i32>();     // private pipes for FILEs but the last
  for (let i = 0; i + 1 < files.length; i++) {
    if (pipe2(pfds, 0) < 0) return false;
    extraIn.push(load<i32>(pfds)); extra.push(load<i32>(pfds + 4));
    fcntl(load<i32>(pfds + 4), F_SETPIPE_SZ, fcntl(0, F_GETPIPE_SZ));
  }
  for (; n > 0; n = tee(0, 1, BUF, 0)) {
    for (let i = 0; i < extra.length; i++) {
      if (files[i] < 0) continue;
      const m = tee(0, extra[i], <usize>n, 0);
      if (m != n) { fail(names[i], m < 0 ? m : -Errno.EIO); files[i] = -1; discard(extraIn[i], m > 0 ? m : 0); continue; }
      const got = drain(extraIn[i], files[i], n, names[i]);
      if (got < n) { files[i] = -1; discard(extraIn[i], n - got); }
    }
    const k = files.length - 1;
    const moved = k >= 0 && files[k] >= 0 ? drain(0, files[k], n, names[k]) : 0;
    if (moved < n) { if (k >= 0) files[k] = -1; discard(0, n - moved); }
  }
  if (n < 0) fail("stdin", n);
  return true;
}

/** Take up to n bytes off pipe fd that no file wants (stdout or the other files have them). */
function discard(fd: i32, n: i64): void {
  for (let left = n; left > 0; ) {
    const r = read(fd, buf, <usize>min(left, <i64>BUF));
    if (r <= 0) return;
    left -= r;
  }
}

/** No FILE: splice stdin to stdout; false (nothing moved) if neither is a pipe. */
function passThrough(): bool {
  let n = splice(0, 0, 1, 0, BUF, 0);
  if (n == -Errno.EINVAL) return false;
  while (n > 0) n = splice(0, 0, 1, 0, BUF, 0);
  if (n < 0) fail("splice", n);
  return true;
}

function copyLoop(): void {
  for (;;) {
    const n = read(0, buf, BUF);
    if (n == 0) return;
    if (n < 0) { fail("stdin", n); return; }
    const w = writeAll(1, buf, <usize>n);
    if (w < 0) { fail("stdout", w); return; }
    for (let i = 0; i < files.length; i++) {
      if (files[i] < 0) continue;
      const r = writeAll(files[i], buf, <usize>n);
      if (r < 0) { fail(names[i], r); files[i] = -1; }
    }
  }
}

const append = tool.has("a");
if (tool.has("i")) sigignore(Sig.SIGINT);
for (let i = 0; i < tool.operands.length; i++) {
  const name = tool.operands[i];
  const fd = open(name, O_WRONLY | O_CREAT | (append ? O_APPEND : O_TRUNC), 0o644);
  if (fd < 0) { fail(name, fd); continue; }
  files.push(<i32>fd); names.push(name);
}
// splice cannot write to an O_APPEND file (EINVAL, as on Linux): -a with FILEs copies.
if (!(files.length == 0 ? passThrough() : !append && teePipes())) copyLoop();
for (let i = 0; i < files.length; i++) if (files[i] >= 0) close(files[i]);
tool.exit();
