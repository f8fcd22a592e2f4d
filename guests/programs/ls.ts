// ls: list each FILE (the current directory with none) as GNU ls does with stdout not a terminal:
// one name a line, sorted by bytes (the C locale); operands that are not directories first, then
// each directory's entries under a "DIR:" header when there are several operands or -R. -a shows
// dot files and . and .., -A dot files only, -d lists directories as themselves, -R recurses, -1
// is the default anyway. -l (and -n: numeric ids, the only kind here, as no /etc/passwd exists)
// prints "MODE LINKS UID GID SIZE DATE NAME" with GNU's column widths, "total BLOCKS" (1 KiB) per
// directory, "NAME -> TARGET" for symbolic links, the date "Mon dd HH:MM" within six months of
// now, else "Mon dd  YYYY" (UTC); -h gives sizes as 1.5K, 12M. Exit 2 if an operand cannot be
// accessed ("ls: cannot access 'X': No such file or directory"), 1 if a subdirectory cannot be read.
// Usage: ls [-aAdhlnR1] [FILE...]
import {
  Tool, DirList, out, newfstatat, readlinkat, cstr, nowNs, Civil, MONTHS, pad2, strerror,
  AT_FDCWD, AT_SYMLINK_NOFOLLOW, CLOCK_REALTIME,
  STAT_SIZE, ST_MODE, ST_NLINK, ST_UID, ST_GID, ST_SIZE, ST_BLOCKS, ST_MTIME,
  S_IFMT, S_IFDIR, S_IFREG, S_IFLNK, S_IFCHR, S_IFIFO, S_IFSOCK, S_IFBLK,
} from "../sdk";
import { SYMLINK_MAX } from "../../kernel/abi/fs";

const tool = new Tool("ls", "aAdhlnR1", "ls [-aAdhlnR1] [FILE]...\n" +
  "List information about the FILEs (the current directory by default), sorted alphabetically.\n" +
  "  -a  do not ignore entries starting with .\n  -A  do not list implied . and ..\n" +
  "  -d  list directories themselves, not their contents\n  -h  with -l, print sizes like 1K 234M 2G\n" +
  "  -l  use a long listing format\n  -n  like -l, but list numeric user and group IDs\n" +
  "  -R  list subdirectories recursively\n  -1  list one file per line\n");
tool.usageStatus = 2;
tool.parse();
const all = tool.has("a"), almost = tool.has("A") && !all, long = tool.has("l") || tool.has("n");
const recurse = tool.has("R") && !tool.has("d");
const NS_PER_SEC: i64 = 1_000_000_000;
const SIX_MONTHS: i64 = (365 * 86400 + 86400 / 4) / 2;     // GNU's: half a Gregorian year, in seconds
const KIB: i64 = 1 << 10, LINK_MAX_BYTES: usize = <usize>SYMLINK_MAX;
const now = nowNs(CLOCK_REALTIME) / NS_PER_SEC;
const st = memory.data(<i32>STAT_SIZE, 8);
const linkBuf = memory.data(<i32>LINK_MAX_BYTES);

/** One entry's status, taken from the stat buffer. */
class Entry {
  name: string; path: string;
  mode: u32 = 0; nlink: u32 = 0; uid: u32 = 0; gid: u32 = 0; size: i64 = 0; blocks: i64 = 0; mtime: i64 = 0;
  target: string = "";
  constructor(name: string, path: string) { this.name = name; this.path = path; }
  isDir(): bool { return (this.mode & S_IFMT) == S_IFDIR; }
}

const byName = (a: Entry, b: Entry): i32 => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

let lastErr: i64 = 0;       // the last lookup's result: -errno on a failure

/** lstat path (stat, following a link, for an operand named on the command line); null on an error. */
function lookup(name: string, path: string, follow: bool): Entry | null {
  const p = cstr(path);
  let r = newfstatat(AT_FDCWD, changetype<usize>(p), st, follow ? 0 : AT_SYMLINK_NOFOLLOW);
  if (r < 0 && follow) r = newfstatat(AT_FDCWD, changetype<usize>(p), st, AT_SYMLINK_NOFOLLOW);   // a dangling link
  lastErr = r;
  if (r < 0) return null;
  const e = new Entry(name, path);
  e.mode = load<u32>(st + ST_MODE); e.nlink = load<u32>(st + ST_NLINK);
  e.uid = load<u32>(st + ST_UID); e.gid = load<u32>(st + ST_GID);
  e.size = load<i64>(st + ST_SIZE); e.blocks = load<i64>(st + ST_BLOCKS); e.mtime = load<i64>(st + ST_MTIME);
  if ((e.mode & S_IFMT) == S_IFLNK && long) {
    const n = readlinkat(AT_FDCWD, changetype<usize>(p), linkBuf, LINK_MAX_BYTES);
    if (n > 0) e.target = String.UTF8.decodeUnsafe(linkBuf, <usize>n);
  }
  return e;
}

function modeString(mode: u32): string {
  const t = mode & S_IFMT;
  let s = t == S_IFDIR ? "d" : t == S_IFREG ? "-" : t == S_IFLNK ? "l" : t == S_IFCHR ? "c"
    : t == S_IFBLK ? "b" : t == S_IFIFO ? "p" : t == S_IFSOCK ? "s" : "?";
  for (let shift = 6; shift >= 0; shift -= 3) {
    const bits = (mode >> <u32>shift) & 7;
    s += (bits & 4 ? "r" : "-") + (bits & 2 ? "w" : "-") + (bits & 1 ? "x" : "-");
  }
  return s;
}

/** GNU's -h: bytes below 1024 as they are, else rounded up to one decimal below 10, or a whole number. */
function human(n: i64): string {
  if (n < KIB) return n.toString();
  const units = "KMGTPE";
  let v = <f64>n, u = -1;
  while (v >= <f64>KIB && u < units.length - 1) { v /= <f64>KIB; u++; }
  if (v < 10) {
    let t = Math.ceil(v * 10) / 10;
    if (t >= 10) return "10" + units.charAt(u);
    return (<i64>t).toString() + "." + (<i64>Math.round((t - Math.floor(t)) * 10)).toString() + units.charAt(u);
  }
  const w = <i64>Math.ceil(v);
  if (w >= KIB && u < units.length - 1) return "1.0" + units.charAt(u + 1);
  return w.toString() + units.charAt(u);
}

function dateString(t: i64): string {
  const c = Civil.of(t);
  const day = c.day.toString().padStart(2);
  if (t > now || now - t > SIX_MONTHS) return MONTHS[c.month - 1] + " " + day + "  " + c.year.toString();
  return MONTHS[c.month - 1] + " " + day + " " + pad2(c.hour) + ":" + pad2(c.minute);
}

function sizeString(e: Entry): string { return tool.has("h") ? human(e.size) : e.size.toString(); }

/** Print entries: names, or -l lines with columns as wide as their widest value. */
function show(list: Entry[]): void {
  if (!long) { for (let i = 0; i < list.length; i++) out(list[i].name + "\n"); return; }
  let wl = 0, wu = 0, wg = 0, ws = 0;
  for (let i = 0; i < list.length; i++) {
    const e = list[i];
    wl = max(wl, e.nlink.toString().length); wu = max(wu, e.uid.toString().length);
    wg = max(wg, e.gid.toString().length); ws = max(ws, sizeString(e).length);
  }
  for (let i = 0; i < list.length; i++) {
    const e = list[i];
    out(modeString(e.mode) + " " + e.nlink.toString().padStart(wl) + " " + e.uid.toString().padEnd(wu) + " " +
      e.gid.toString().padEnd(wg) + " " + sizeString(e).padStart(ws) + " " + dateString(e.mtime) + " " + e.name +
      (e.target.length > 0 ? " -> " + e.target : "") + "\n");
  }
}

function join(dir: string, name: string): string { return dir.endsWith("/") ? dir + name : dir + "/" + name; }

let printed = false;        // something listed already: the next header gets a blank line before it

/** List a directory's entries (under a header if asked), then its subdirectories with -R. */
function listDir(path: string, header: bool, operand: bool): void {
  const d = new DirList(path);
  if (d.err < 0) {
    tool.warn("cannot open directory '" + path + "': " + strerror(<i32>-d.err));
    tool.status = operand ? 2 : 1;
    return;
  }
  const names = d.names;
  if (all) { names.push("."); names.push(".."); }
  const list: Entry[] = [];
  for (let i = 0; i < names.length; i++) {
    const n = names[i];
    if (n.charCodeAt(0) == 0x2e && !all && !almost) continue;
    const e = lookup(n, join(path, n), false);
    if (e === null) { tool.warn("cannot access '" + join(path, n) + "': " + strerror(<i32>-lastErr)); tool.status = 1; continue; }
    list.push(e);
  }
  list.sort(byName);
  if (header) out((printed ? "\n" : "") + path + ":\n");
  printed = true;
  if (long) {
    let blocks: i64 = 0;
    for (let i = 0; i < list.length; i++) blocks += list[i].blocks;
    const kib = (blocks * 512 + KIB - 1) / KIB;
    out("total " + (tool.has("h") ? human(kib * KIB) : kib.toString()) + "\n");
  }
  show(list);
  if (!recurse) return;
  for (let i = 0; i < list.length; i++) {
    const e = list[i];
    if (e.isDir() && e.name != "." && e.name != "..") listDir(e.path, true, false);
  }
}

const operands = tool.operands.length > 0 ? tool.operands : ["."];
const files: Entry[] = [], dirs: Entry[] = [];
for (let i = 0; i < operands.length; i++) {
  const e = lookup(operands[i], operands[i], !long && !tool.has("d"));   // GNU: -l and -d show a link itself
  if (e === null) {
    tool.warn("cannot access '" + operands[i] + "': " + strerror(<i32>-lastErr));
    tool.status = 2;
    continue;
  }
  if (e.isDir() && !tool.has("d")) dirs.push(e); else files.push(e);
}
files.sort(byName);
dirs.sort(byName);
show(files);
if (files.length > 0) printed = true;
const headers = operands.length > 1 || recurse;
for (let i = 0; i < dirs.length; i++) listDir(dirs[i].path, headers, true);
tool.exit();
