// stat: print each FILE's status (lstat; -L follows a last symbolic link) in GNU stat's default
// layout, or as -c FORMAT says (one line per FILE), or tersely (-t). FORMAT's directives, each with
// printf's flags, width and precision (%-10s, %04a): %n name, %N quoted name (-> 'target' for a
// link), %s size, %b blocks, %B 512, %o I/O block, %f raw mode (hex), %F type, %a octal access
// bits, %A the ls-style mode, %i inode, %h links, %u/%U uid/user, %g/%G gid/group, %d/%D device
// (decimal/hex), %Hd/%Ld its major/minor, %t/%T a device file's major/minor (hex), %Hr/%Lr (decimal),
// %x/%y/%z access/modify/change time, %X/%Y/%Z the same in seconds, %w/%W birth ("-"/0: unknown),
// %% a '%'. Users and groups have no database here: id 0 is "root", others "UNKNOWN" (GNU's word).
// Times are UTC. Exit 1 if a FILE cannot be looked up ("stat: cannot statx 'x': No such file...").
// Usage: stat [-Lt] [-c FORMAT] FILE...
import { Tool, out, stat, lstat, readlink, Civil, pad2, STAT_SIZE, ST_DEV, ST_INO, ST_MODE, ST_NLINK, ST_UID, ST_GID,
  ST_RDEV, ST_SIZE, ST_BLKSIZE, ST_BLOCKS, ST_ATIME, ST_MTIME, ST_CTIME,
  S_IFMT, S_IFDIR, S_IFREG, S_IFLNK, S_IFCHR, S_IFBLK, S_IFIFO, S_IFSOCK } from "../sdk";

const tool = new Tool("stat", "Lc:t", "stat [OPTION]... FILE...\nDisplay file status.\n" +
  "  -L          follow links\n  -c FORMAT   use the specified FORMAT instead of the default; output a newline after it\n" +
  "  -t          print the information in terse form\n").parse();
const st = memory.data(<i32>STAT_SIZE, 8);
const NSEC = 8;                                       // each *_NSEC field follows its seconds
const DEFAULT = "  File: %N\n  Size: %-10s\tBlocks: %-10b IO Block: %-6o %F\n";
const DEVLINE = "Device: %Hd,%Ld\tInode: %-10i  Links: %h\n";
const DEVLINE_SPECIAL = "Device: %Hd,%Ld\tInode: %-10i  Links: %-5h Device type: %Hr,%Lr\n";
const TAIL = "Access: (%04a/%10.10A)  Uid: (%5u/%8U)   Gid: (%5g/%8G)\nAccess: %x\nModify: %y\nChange: %z\n Birth: %w\n";
const TERSE = "%n %s %b %f %u %g %D %i %h %t %T %X %Y %Z %W %o\n";

let name = "";
const mode = (): u32 => load<u32>(st + ST_MODE);

function typeName(m: u32, size: i64): string {
  switch (m & S_IFMT) {
    case S_IFREG: return size == 0 ? "regular empty file" : "regular file";
    case S_IFDIR: return "directory";
    case S_IFLNK: return "symbolic link";
    case S_IFCHR: return "character special file";
    case S_IFBLK: return "block special file";
    case S_IFIFO: return "fifo";
    case S_IFSOCK: return "socket";
  }
  return "weird file";
}

/** The ls-style mode: type letter and rwx triplets with set-id and sticky bits. */
function modeString(m: u32): string {
  const t = m & S_IFMT;
  let s = t == S_IFDIR ? "d" : t == S_IFLNK ? "l" : t == S_IFCHR ? "c" : t == S_IFBLK ? "b" : t == S_IFIFO ? "p" : t == S_IFSOCK ? "s" : "-";
  for (let k = 2; k >= 0; k--) {
    const bits = (m >> (<u32>k * 3)) & 7, special = (m >> (9 + <u32>k)) & 1;
    s += (bits & 4) != 0 ? "r" : "-";
    s += (bits & 2) != 0 ? "w" : "-";
    const x = (bits & 1) != 0, mark = k == 0 ? "t" : "s";
    s += special != 0 ? (x ? mark : mark.toUpperCase()) : (x ? "x" : "-");
  }
  return s;
}

/** A time field as GNU prints it: "YYYY-MM-DD HH:MM:SS.NNNNNNNNN +0000". */
function when(at: usize): string {
  const c = Civil.of(load<i64>(at));
  return c.year.toString() + "-" + pad2(c.month) + "-" + pad2(c.day) + " " + pad2(c.hour) + ":" + pad2(c.minute) + ":" +
    pad2(c.second) + "." + load<u64>(at + NSEC).toString().padStart(9, "0") + " +0000";
}

// Linux's dev_t (major()/minor() of <sys/sysmacros.h>): the minor's low 8 bits, the major's low 12
// bits above them, the rest of the minor above those, the rest of the major from bit 32.
const MINOR_LO_BITS: u64 = 8, MAJOR_LO_BITS: u64 = 12, MAJOR_HI_SHIFT: u64 = 32;
const MINOR_LO: u64 = (1 << MINOR_LO_BITS) - 1, MAJOR_LO: u64 = (1 << MAJOR_LO_BITS) - 1;
function major(d: u64): u64 { return ((d >> MINOR_LO_BITS) & MAJOR_LO) | ((d >> MAJOR_HI_SHIFT) & ~MAJOR_LO); }
function minor(d: u64): u64 { return (d & MINOR_LO) | ((d >> (MINOR_LO_BITS + MAJOR_LO_BITS)) & ~MINOR_LO); }
function idName(id: u32): string { return id == 0 ? "root" : "UNKNOWN"; }

let literal = false;          // the default layout names files unquoted: "  File: l -> f"

function quotedName(): string {
  const q = literal ? "" : "'";
  return q + name + q + ((mode() & S_IFMT) == S_IFLNK ? " -> " + q + readlink(name) + q : "");
}

/** The value of directive c (with its H/L prefix, if any); numbers flagged for padding. */
function directive(c: string, hl: string): string {
  const dev = load<u64>(st + ST_DEV), rdev = load<u64>(st + ST_RDEV);
  if (hl != "") {
    const d = c == "d" ? dev : rdev;
    return (hl == "H" ? major(d) : minor(d)).toString();
  }
  switch (c.charCodeAt(0)) {
    case 0x6e: return name;                                                    // n
    case 0x4e: return quotedName();                                            // N
    case 0x73: return load<i64>(st + ST_SIZE).toString();                      // s
    case 0x62: return load<i64>(st + ST_BLOCKS).toString();                    // b
    case 0x42: return "512";                                                   // B
    case 0x6f: return load<i64>(st + ST_BLKSIZE).toString();                   // o
    case 0x66: return mode().toString(16);                                     // f
    case 0x46: return typeName(mode(), load<i64>(st + ST_SIZE));               // F
    case 0x61: return (mode() & 0o7777).toString(8);                           // a
    case 0x41: return modeString(mode());                                      // A
    case 0x69: return load<u64>(st + ST_INO).toString();                       // i
    case 0x68: return load<u32>(st + ST_NLINK).toString();                     // h
    case 0x75: return load<u32>(st + ST_UID).toString();                       // u
    case 0x55: return idName(load<u32>(st + ST_UID));                          // U
    case 0x67: return load<u32>(st + ST_GID).toString();                       // g
    case 0x47: return idName(load<u32>(st + ST_GID));                          // G
    case 0x64: return dev.toString();                                          // d
    case 0x44: return dev.toString(16);                                        // D
    case 0x74: return major(rdev).toString(16);                                // t
    case 0x54: return minor(rdev).toString(16);                                // T
    case 0x78: return when(st + ST_ATIME);                                     // x
    case 0x79: return when(st + ST_MTIME);                                     // y
    case 0x7a: return when(st + ST_CTIME);                                     // z
    case 0x58: return load<i64>(st + ST_ATIME).toString();                     // X
    case 0x59: return load<i64>(st + ST_MTIME).toString();                     // Y
    case 0x5a: return load<i64>(st + ST_CTIME).toString();                     // Z
    case 0x77: return "-";                                                     // w
    case 0x57: return "0";                                                     // W
  }
  return "?";
}

const NUMERIC = "sbBohiugdWXYZ";

/** v padded as printf does with flags ("-", "0"), width and precision (strings are cut to it). */
function padded(v: string, c: string, flags: string, width: i32, prec: i32): string {
  if (prec >= 0 && !NUMERIC.includes(c)) v = v.substring(0, prec);
  if (flags.includes("-")) return v.padEnd(width);
  if (flags.includes("0") && NUMERIC.includes(c) || flags.includes("0") && c == "a") return v.padStart(width, "0");
  return v.padStart(width);
}

const isDigit = (c: i32): bool => c >= 0x30 && c <= 0x39;

/** FORMAT with its directives expanded, for the file in the stat buffer. */
function render(fmt: string): string {
  let s = "";
  for (let i = 0; i < fmt.length; i++) {
    if (fmt.charAt(i) != "%" || i + 1 >= fmt.length) { s += fmt.charAt(i); continue; }
    let j = i + 1, flags = "", width = 0, prec = -1;
    while (j < fmt.length && "-0 +#'".includes(fmt.charAt(j))) flags += fmt.charAt(j++);
    while (j < fmt.length && isDigit(fmt.charCodeAt(j))) width = width * 10 + fmt.charCodeAt(j++) - 0x30;
    if (j < fmt.length && fmt.charAt(j) == ".") { prec = 0; j++; while (j < fmt.length && isDigit(fmt.charCodeAt(j))) prec = prec * 10 + fmt.charCodeAt(j++) - 0x30; }
    if (j >= fmt.length) { s += fmt.substring(i); break; }
    let c = fmt.charAt(j), hl = "";
    if ((c == "H" || c == "L") && j + 1 < fmt.length) {
      if (fmt.charAt(j + 1) != "d" && fmt.charAt(j + 1) != "r") { s += "?"; i = j; continue; }   // GNU: "%Hx" is "?x"
      hl = c; c = fmt.charAt(++j);
    }
    s += c == "%" ? "%" : padded(directive(c, hl), c, flags, width, prec);
    i = j;
  }
  return s;
}

function defaultFormat(): string {
  const t = mode() & S_IFMT;
  return DEFAULT + (t == S_IFCHR || t == S_IFBLK ? DEVLINE_SPECIAL : DEVLINE) + TAIL;
}

if (tool.operands.length == 0) tool.die("missing operand\nTry 'stat --help' for more information.");
for (let i = 0; i < tool.operands.length; i++) {
  name = tool.operands[i];
  const r = tool.has("L") ? stat(name, st) : lstat(name, st);
  if (r < 0) { tool.fail("cannot statx '" + name + "'", r); continue; }
  literal = !tool.has("c") && !tool.has("t");
  out(tool.has("c") ? render(tool.value("c")) + "\n" : render(tool.has("t") ? TERSE : defaultFormat()));
}
tool.exit();
