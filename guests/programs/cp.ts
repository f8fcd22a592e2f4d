// cp: copy SOURCE to DEST, or each SOURCE into the directory DEST. A file's bytes move with read()
// and write() through one 64 KiB buffer; DEST is created with SOURCE's permission bits, or
// truncated if it exists (-f: if it cannot be opened, it is removed and created again). -r/-R copy
// directories recursively, symbolic links inside them as links (GNU's -P default under -R);
// without -r a directory is skipped with a message. Messages and exit status (1 if anything
// failed, after trying the rest) as GNU cp.
// Usage: cp [-rRf] SOURCE DEST | cp [-rRf] SOURCE... DIRECTORY
import { Tool, DirList, open, read, close, writeAll, stat, lstat, mkdir, unlink, symlink, readlink, readlinkErr,
  baseName, S_ISDIR, S_IFMT, S_IFLNK, ST_MODE, ST_INO, STAT_SIZE,
  O_RDONLY, O_WRONLY, O_CREAT, O_TRUNC, PAGE_SIZE, Errno } from "../sdk";

const BUF = 65536;
const buf = memory.data(BUF, PAGE_SIZE);
const st = memory.data(<i32>STAT_SIZE, 8);
const tool = new Tool("cp", "rRf", "cp [OPTION]... SOURCE DEST\n  or:  cp [OPTION]... SOURCE... DIRECTORY\n" +
  "Copy SOURCE to DEST, or multiple SOURCE(s) to DIRECTORY.\n" +
  "  -f      if an existing destination file cannot be opened, remove it and try again\n" +
  "  -r, -R  copy directories recursively\n").parse();
const recursive = tool.has("r") || tool.has("R");

/** DIR/NAME without doubling a slash DIR already ends with. */
function join(dir: string, name: string): string { return dir.endsWith("/") ? dir + name : dir + "/" + name; }

/** The mode of path (following a last link unless nofollow), or -errno. */
function modeOf(path: string, nofollow: bool): i64 {
  const r = nofollow ? lstat(path, st) : stat(path, st);
  return r < 0 ? r : <i64>load<u32>(st + ST_MODE);
}

/** Copy the bytes of src into dst (created with mode's permission bits). */
function copyFile(src: string, dst: string, mode: u32, dm: i64): void {
  if (dm >= 0 && S_ISDIR(<u32>dm)) { tool.warn("cannot overwrite directory '" + dst + "' with non-directory"); tool.status = 1; return; }
  const inFd = open(src, O_RDONLY);
  if (inFd < 0) { tool.fail("cannot open '" + src + "' for reading", inFd); return; }
  let outFd = open(dst, O_WRONLY | O_CREAT | O_TRUNC, mode & 0o7777);
  if (outFd < 0 && tool.has("f") && dm >= 0 && unlink(dst) == 0) outFd = open(dst, O_WRONLY | O_CREAT | O_TRUNC, mode & 0o7777);
  if (outFd < 0) { tool.fail("cannot create regular file '" + dst + "'", outFd); close(<i32>inFd); return; }
  for (;;) {
    const n = read(<i32>inFd, buf, BUF);
    if (n == 0) break;
    if (n < 0) { tool.fail("error reading '" + src + "'", n); break; }
    const w = writeAll(<i32>outFd, buf, <usize>n);
    if (w < 0) { tool.fail("error writing '" + dst + "'", w); break; }
  }
  close(<i32>inFd);
  const c = close(<i32>outFd);
  if (c < 0) tool.fail("failed to close '" + dst + "'", c);
}

// The directory an operand's copy created, by inode (-1: none yet), and its names: meeting it in
// the copy means copying a directory into itself, which ends that operand's copy (as GNU cp).
let madeIno: i64 = -1;
let topSrc = "", topDst = "";
let intoSelf = false;

/** Copy the directory src as dst (made if missing), then everything in it. */
function copyDir(src: string, dst: string, mode: u32, srcIno: u64, dm: i64): void {
  if (<i64>srcIno == madeIno) {
    tool.warn("cannot copy a directory, '" + topSrc + "', into itself, '" + topDst + "'");
    tool.status = 1; intoSelf = true; return;
  }
  if (dm >= 0 && !S_ISDIR(<u32>dm)) { tool.warn("cannot overwrite non-directory '" + dst + "' with directory '" + src + "'"); tool.status = 1; return; }
  if (dm < 0) {
    const r = mkdir(dst, mode & 0o7777);
    if (r < 0) { tool.fail("cannot create directory '" + dst + "'", r); return; }
    if (madeIno < 0 && stat(dst, st) == 0) madeIno = <i64>load<u64>(st + ST_INO);
  }
  const d = new DirList(src);
  if (d.err < 0) { tool.fail("cannot access '" + src + "'", d.err); return; }
  for (let i = 0; i < d.names.length && !intoSelf; i++) copyAny(join(src, d.names[i]), join(dst, d.names[i]));
}

/** Recreate the symbolic link src at dst (-f: replacing what is there). */
function copyLink(src: string, dst: string): void {
  const target = readlink(src);
  if (readlinkErr < 0) { tool.fail("cannot read symbolic link '" + src + "'", readlinkErr); return; }
  let r = symlink(target, dst);
  if (r < 0 && tool.has("f") && unlink(dst) == 0) r = symlink(target, dst);
  if (r < 0) tool.fail("cannot create symbolic link '" + dst + "'", r);
}

/** Copy whatever src is to dst (links kept as links under -r, followed otherwise). */
function copyAny(src: string, dst: string): void {
  const m = modeOf(src, recursive);
  if (m < 0) { tool.fail("cannot stat '" + src + "'", m); return; }
  const mode = <u32>m, srcIno = load<u64>(st + ST_INO);
  if (S_ISDIR(mode) && !recursive) { tool.warn("-r not specified; omitting directory '" + src + "'"); tool.status = 1; return; }
  const dm = modeOf(dst, false);
  if (dm >= 0 && load<u64>(st + ST_INO) == srcIno) { tool.warn("'" + src + "' and '" + dst + "' are the same file"); tool.status = 1; return; }
  if ((mode & S_IFMT) == S_IFLNK) copyLink(src, dst);
  else if (S_ISDIR(mode)) copyDir(src, dst, mode, srcIno, dm);
  else copyFile(src, dst, mode, dm);
}

const ops = tool.operands;
if (ops.length == 0) tool.die("missing file operand\nTry 'cp --help' for more information.");
if (ops.length == 1) tool.die("missing destination file operand after '" + ops[0] + "'\nTry 'cp --help' for more information.");
const dest = ops[ops.length - 1];
const dm = modeOf(dest, false);
const intoDir = dm >= 0 && S_ISDIR(<u32>dm);
if (ops.length > 2 && !intoDir) {
  tool.fail("target '" + dest + "'", dm < 0 ? dm : -Errno.ENOTDIR);
  tool.exit();
}
for (let i = 0; i + 1 < ops.length; i++) {
  topSrc = ops[i]; topDst = intoDir ? join(dest, baseName(ops[i])) : dest;
  madeIno = -1; intoSelf = false;
  copyAny(topSrc, topDst);
}
tool.exit();
