// touch: set each FILE's access and modification times to now, creating an empty FILE (mode 0666
// less the umask) that does not exist. -a changes only the access time, -m only the modification
// time, -c creates nothing, -d @SECONDS or -t [[CC]YY]MMDDhhmm[.ss] (UTC) gives the time, -r REF
// takes REF's times. Messages and exit status (1 if a FILE failed, after trying the rest) as GNU touch.
// Usage: touch [-acm] [-d @SECONDS | -t STAMP | -r REF] FILE...
import {
  Tool, open, close, utimensat, newfstatat, cstr, epochSeconds, Civil, nowNs, strerror, isDigit, CLOCK_REALTIME,
  O_WRONLY, O_CREAT, O_NONBLOCK, AT_FDCWD, Errno, UTIME_NOW, UTIME_OMIT, TIMESPEC_SIZE, TV_NSEC,
  STAT_SIZE, ST_ATIME, ST_ATIME_NSEC, ST_MTIME, ST_MTIME_NSEC,
} from "../sdk";

const tool = new Tool("touch", "acmd:t:r:", "touch [OPTION]... FILE...\n" +
  "Update the access and modification times of each FILE to the current time.\n" +
  "A FILE argument that does not exist is created empty, unless -c is supplied.\n" +
  "  -a  change only the access time\n  -c  do not create any files\n" +
  "  -d @SECONDS  use this time instead of the current time\n  -m  change only the modification time\n" +
  "  -r FILE  use this file's times instead of the current time\n  -t STAMP  use [[CC]YY]MMDDhhmm[.ss] instead of the current time\n").parse();
const times = memory.data(<i32>TIMESPEC_SIZE * 2, 8);
const st = memory.data(<i32>STAT_SIZE, 8);
const NS_PER_SEC: i64 = 1_000_000_000;

function invalid(what: string, s: string): void { tool.die("invalid " + what + " format '" + s + "'"); }

/** The digits s[i, i+2) as a number. */
function two(s: string, i: i32): i32 { return (s.charCodeAt(i) - 0x30) * 10 + s.charCodeAt(i + 1) - 0x30; }

/** -t [[CC]YY]MMDDhhmm[.ss] as seconds since the Epoch (UTC). */
function stamp(s: string): i64 {
  const dot = s.indexOf(".");
  const main = dot < 0 ? s : s.substring(0, dot), secs = dot < 0 ? "" : s.substring(dot + 1);
  for (let i = 0; i < main.length; i++) if (!isDigit(main.charCodeAt(i))) invalid("date", s);
  if ((main.length != 8 && main.length != 10 && main.length != 12) || (dot >= 0 && secs.length != 2)) invalid("date", s);
  const n = main.length;
  let year = Civil.of(nowNs(CLOCK_REALTIME) / NS_PER_SEC).year;     // without YY: this year
  if (n == 12) year = <i64>two(main, 0) * 100 + two(main, 2);
  if (n == 10) { const yy = two(main, 0); year = yy < 69 ? 2000 + yy : 1900 + yy; }
  const o = n - 8;
  const month = two(main, o), day = two(main, o + 2), hour = two(main, o + 4), minute = two(main, o + 6);
  const second = secs.length == 2 ? two(secs, 0) : 0;
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60) invalid("date", s);
  return epochSeconds(year, month, day, hour, minute, second);
}

/** -d: only the "@SECONDS" form. */
function dateArg(s: string): i64 {
  if (s.length < 2 || s.charAt(0) != "@") invalid("date", s);
  const neg = s.charAt(1) == "-";
  let v: i64 = 0;
  for (let i = neg ? 2 : 1; i < s.length; i++) {
    if (!isDigit(s.charCodeAt(i))) invalid("date", s);
    v = v * 10 + s.charCodeAt(i) - 0x30;
  }
  return neg ? -v : v;
}

function setBoth(sec: i64, nsec: i64): void {
  store<i64>(times, sec); store<i64>(times + TV_NSEC, nsec);
  store<i64>(times + TIMESPEC_SIZE, sec); store<i64>(times + TIMESPEC_SIZE + TV_NSEC, nsec);
}

if (tool.operands.length == 0) tool.die("missing file operand\nTry 'touch --help' for more information.");
setBoth(0, UTIME_NOW);
if (tool.has("t")) setBoth(stamp(tool.value("t")), 0);
if (tool.has("d")) setBoth(dateArg(tool.value("d")), 0);
if (tool.has("r")) {
  const ref = tool.value("r");
  const r = newfstatat(AT_FDCWD, changetype<usize>(cstr(ref)), st, 0);
  if (r < 0) tool.die("failed to get attributes of '" + ref + "': " + strerror(<i32>-r));
  store<i64>(times, load<i64>(st + ST_ATIME)); store<i64>(times + TV_NSEC, load<i64>(st + ST_ATIME_NSEC));
  store<i64>(times + TIMESPEC_SIZE, load<i64>(st + ST_MTIME)); store<i64>(times + TIMESPEC_SIZE + TV_NSEC, load<i64>(st + ST_MTIME_NSEC));
}
if (tool.has("m") && !tool.has("a")) store<i64>(times + TV_NSEC, UTIME_OMIT);
if (tool.has("a") && !tool.has("m")) store<i64>(times + TIMESPEC_SIZE + TV_NSEC, UTIME_OMIT);

for (let i = 0; i < tool.operands.length; i++) {
  const f = tool.operands[i];
  const p = cstr(f);
  let r = utimensat(AT_FDCWD, changetype<usize>(p), times, 0);
  if (r == -Errno.ENOENT && !tool.has("c")) {
    const fd = open(f, O_WRONLY | O_CREAT | O_NONBLOCK, 0o666);
    if (fd < 0) r = fd;
    else { close(<i32>fd); r = utimensat(AT_FDCWD, changetype<usize>(p), times, 0); }
  }
  if (r == -Errno.ENOENT && tool.has("c")) continue;
  if (r < 0) { tool.warn("cannot touch '" + f + "': " + strerror(<i32>-r)); tool.status = 1; }
}
tool.exit();
