// ps: report a snapshot of the processes, from /proc/PID/{stat,cmdline,status}, in procps ps's
// layouts: the default PID TTY TIME CMD; -f (UID PID PPID C STIME TTY TIME CMD, CMD the whole
// command line); -j (PID PGID SID TTY TIME CMD); -o LIST (pid ppid pgid sid stat state comm args
// cmd tty time user uid rss vsz ni c stime start etime %cpu %mem; "pid=ID" renames a header, all empty
// headers print none); BSD "aux" / "u" (USER PID %CPU %MEM VSZ RSS TTY STAT START TIME COMMAND).
// Selection: the processes of ps's own session by default (procps takes those of its terminal;
// wasmos's /proc has no tty numbers), every process with -e, -A, "ax" or "aux", the listed ones
// with -p. Sorted by pid. STAT is the state (R, S, Z) and "s" for a session leader; a zombie's
// command line is "[comm] <defunct>". Times come from the virtual clock (btime 0, start times 0).
// Usage: ps [-eAfj] [-o FORMAT] [-p PIDLIST] | ps aux
import { Tool, out, DirList, ProcFile, getpid, PAGE_SIZE } from "../sdk";

const tool = new Tool("ps", "eAfjo:p:", "ps [-eAfj] [-o FORMAT] [-p PIDLIST]\n   or: ps [aux]\n" +
  "Report a snapshot of the current processes.\n" +
  "  -e, -A      every process             -f  full format (UID PID PPID C STIME TTY TIME CMD)\n" +
  "  -j          jobs format (PGID, SID)   -o  the columns to show, e.g. pid,ppid,stat,comm,args\n" +
  "  -p PIDLIST  only these processes      aux  BSD style: every process, user-oriented columns\n").parse();
const TICKS: i64 = 100;          // USER_HZ: /proc's clock ticks per second
const KIB: i64 = 1 << 10;
const KB_PER_PAGE: i64 = PAGE_SIZE / KIB;

class Proc {
  pid: i32 = 0; comm: string = ""; state: string = "?"; ppid: i32 = 0; pgid: i32 = 0; sid: i32 = 0;
  tty: i32 = 0; ticks: i64 = 0; start: i64 = 0; nice: i32 = 0; vsz: i64 = 0; rss: i64 = 0; args: string = "";
}

class Column {
  constructor(public key: string, public header: string, public width: i32, public right: bool) {}
}

// Every column ps knows: key, header, width, right-aligned.
const KNOWN: Column[] = [
  new Column("pid", "PID", 5, true), new Column("ppid", "PPID", 5, true), new Column("pgid", "PGID", 5, true),
  new Column("sid", "SID", 5, true), new Column("stat", "STAT", 4, false), new Column("state", "S", 1, false),
  new Column("s", "S", 1, false), new Column("comm", "COMMAND", 15, false), new Column("ucomm", "COMMAND", 15, false),
  new Column("args", "COMMAND", 27, false), new Column("command", "COMMAND", 27, false), new Column("cmd", "CMD", 27, false),
  new Column("tty", "TT", 8, false), new Column("tt", "TT", 8, false), new Column("time", "TIME", 8, true),
  new Column("user", "USER", 8, false), new Column("uid", "UID", 5, true), new Column("rss", "RSS", 5, true),
  new Column("vsz", "VSZ", 6, true), new Column("ni", "NI", 3, true), new Column("nice", "NI", 3, true),
  new Column("c", "C", 2, true), new Column("stime", "STIME", 5, false), new Column("start", "STARTED", 8, true),
  new Column("start_time", "START", 5, false),
  new Column("etime", "ELAPSED", 11, true), new Column("%cpu", "%CPU", 4, true), new Column("%mem", "%MEM", 4, true),
  new Column("bsdtime", "TIME", 6, true), new Column("ruser", "UID", 8, false),
];

function column(key: string, header: string = ""): Column {
  for (let i = 0; i < KNOWN.length; i++) {
    const c = KNOWN[i];
    if (c.key == key) return new Column(c.key, header.length > 0 ? header : c.header, c.width, c.right);
  }
  tool.die("error: unknown user-defined format specifier \"" + key + "\"");
  return KNOWN[0];
}

/** "pid,ppid=PARENT,comm" (each -o's list): the columns; "pid=" leaves a header empty. */
function parseFormat(specs: string[]): Column[] {
  const cols: Column[] = [];
  for (let s = 0; s < specs.length; s++) {
    const words = specs[s].split(",");
    for (let i = 0; i < words.length; i++) {
      const eq = words[i].indexOf("=");
      if (eq < 0) cols.push(column(words[i]));
      else cols.push(column(words[i].substring(0, eq), eq + 1 < words[i].length ? words[i].substring(eq + 1) : " "));
    }
  }
  return cols;
}

const uptime = parseUptime();
const memTotal = new ProcFile("/proc/meminfo").value("MemTotal", 1);

function parseUptime(): i64 {                                        // in ticks
  const t = new ProcFile("/proc/uptime").text;
  const dot = t.indexOf(".");
  if (dot < 0) return 0;
  return I64.parseInt(t.substring(0, dot)) * TICKS + I64.parseInt(t.substring(dot + 1, dot + 3));
}

/** One process from /proc/PID/stat and cmdline; null when it is gone. */
function readProc(pid: i32): Proc | null {
  const st = new ProcFile("/proc/" + pid.toString() + "/stat");
  if (st.err < 0 || st.text.length == 0) return null;
  const p = new Proc();
  const t = st.text;
  p.pid = pid;
  p.comm = t.substring(t.indexOf("(") + 1, t.lastIndexOf(")"));
  const f = t.substring(t.lastIndexOf(")") + 2).trimEnd().split(" ");     // f[0] is field 3, state
  p.state = f[0]; p.ppid = I32.parseInt(f[1]); p.pgid = I32.parseInt(f[2]); p.sid = I32.parseInt(f[3]);
  p.tty = I32.parseInt(f[4]); p.ticks = I64.parseInt(f[11]) + I64.parseInt(f[12]); p.nice = I32.parseInt(f[16]);
  p.start = I64.parseInt(f[19]);
  p.vsz = I64.parseInt(f[20]) / KIB;
  p.rss = I64.parseInt(f[21]) * KB_PER_PAGE;
  const cl = new ProcFile("/proc/" + pid.toString() + "/cmdline").bytes;
  while (cl.length > 0 && cl[cl.length - 1] == 0) cl.pop();
  p.args = String.fromCharCodes(cl.map<i32>((b: u8): i32 => b == 0 ? 0x20 : <i32>b));
  if (p.args.length == 0) p.args = "[" + p.comm + "]";
  if (p.state == "Z") p.args += " <defunct>";
  return p;
}

function two(n: i64): string { return n.toString().padStart(2, "0"); }

/** [DD-]HH:MM:SS of a tick count (ps's TIME). */
function cputime(ticks: i64): string {
  const s = ticks / TICKS;
  const days = s / 86400;
  return (days > 0 ? days.toString() + "-" : "") + two(s / 3600 % 24) + ":" + two(s / 60 % 60) + ":" + two(s % 60);
}

/** [[DD-]HH:]MM:SS (ELAPSED). */
function elapsed(ticks: i64): string {
  const s = ticks / TICKS;
  let r = two(s / 60 % 60) + ":" + two(s % 60);
  if (s >= 3600) r = two(s / 3600 % 24) + ":" + r;
  if (s >= 86400) r = (s / 86400).toString() + "-" + r;
  return r;
}

/** HH:MM[:SS] of a start time in ticks since boot (the clock's day: btime is 0). */
function clock(ticks: i64, seconds: bool): string {
  const s = ticks / TICKS;
  return two(s / 3600 % 24) + ":" + two(s / 60 % 60) + (seconds ? ":" + two(s % 60) : "");
}

function tenths(v: i64): string { return (v / 10).toString() + "." + (v % 10).toString(); }

/** %CPU in tenths: CPU time over the time since the process started. */
function pcpu(p: Proc): i64 {
  const since = uptime - p.start;
  return since > 0 ? p.ticks * 1000 / since : 0;
}

function ttyName(tty: i32): string { return tty == 0 ? "?" : (tty >> 8).toString() + ":" + (tty & 0xff).toString(); }

function value(c: Column, p: Proc): string {
  const k = c.key;
  if (k == "pid") return p.pid.toString();
  if (k == "ppid") return p.ppid.toString();
  if (k == "pgid") return p.pgid.toString();
  if (k == "sid") return p.sid.toString();
  if (k == "stat") return p.state + (p.pid == p.sid ? "s" : "");
  if (k == "state" || k == "s") return p.state;
  if (k == "comm" || k == "ucomm") return p.state == "Z" ? p.comm + " <defunct>" : p.comm;
  if (k == "args" || k == "command" || k == "cmd") return p.args;
  if (k == "tty" || k == "tt") return ttyName(p.tty);
  if (k == "time") return cputime(p.ticks);
  if (k == "bsdtime") { const s = p.ticks / TICKS; return (s / 60).toString() + ":" + two(s % 60); }
  if (k == "user" || k == "ruser") return "root";                     // every process runs as uid 0
  if (k == "uid") return "0";
  if (k == "rss") return p.rss.toString();
  if (k == "vsz") return p.vsz.toString();
  if (k == "ni" || k == "nice") return p.nice.toString();
  if (k == "c") return (pcpu(p) / 10).toString();
  if (k == "stime" || k == "start_time") return clock(p.start, false);
  if (k == "start") return clock(p.start, true);
  if (k == "etime") return elapsed(uptime - p.start);
  if (k == "%cpu") return tenths(pcpu(p));
  return tenths(p.rss * 1000 / memTotal);                             // %mem
}

/** One line, p's values or (p null) the headers: each column padded to its width, but the last
 *  when it is left-aligned. */
function line(cols: Column[], p: Proc | null): void {
  let s = "";
  for (let i = 0; i < cols.length; i++) {
    const c = cols[i];
    const v = p ? value(c, p) : c.header.trim();
    if (i > 0) s += " ";
    s += c.right ? v.padStart(c.width) : i == cols.length - 1 ? v : v.padEnd(c.width);
  }
  out(s + "\n");
}

function pids(): i32[] {
  const names = new DirList("/proc").names;
  const r: i32[] = [];
  for (let i = 0; i < names.length; i++) {
    const c = names[i].charCodeAt(0);
    if (c >= 0x30 && c <= 0x39) r.push(I32.parseInt(names[i]));
  }
  r.sort((a: i32, b: i32): i32 => a - b);
  return r;
}

function formatFor(bsd: string): Column[] {
  if (tool.has("o")) return parseFormat(tool.all("o"));
  if (bsd.includes("u")) return parseFormat(["user,pid,%cpu,%mem,vsz,rss,tty=TTY,stat,start_time,bsdtime,args"]);
  if (tool.has("f")) return parseFormat(["ruser,pid,ppid,c,stime,tty=TTY,time,cmd"]);
  if (tool.has("j")) return parseFormat(["pid,pgid,sid,tty=TTY,time,ucomm=CMD"]);
  return parseFormat(["pid,tty=TTY,time,ucomm=CMD"]);
}

/** BSD-style options ("aux", "ax", "u"): the letters given without a dash. */
function bsdOptions(): string {
  let bsd = "";
  for (let i = 0; i < tool.operands.length; i++) bsd += tool.operands[i];
  for (let i = 0; i < bsd.length; i++) if (!"aux".includes(bsd.charAt(i))) tool.die("error: unsupported option (BSD syntax) '" + bsd.charAt(i) + "'");
  return bsd;
}

const bsd = bsdOptions();
const all = tool.has("e") || tool.has("A") || bsd.includes("a") || bsd.includes("x");
const only = tool.has("p") ? tool.all("p").join(",").split(",") : [];
const mySid = sessionOf(<i32>getpid());

function sessionOf(pid: i32): i32 {
  const p = readProc(pid);
  return p ? p.sid : -1;
}

/** -p's pids; else all (-e, ax) or those of ps's own session. */
function selected(p: Proc): bool {
  if (only.length > 0) return only.includes(p.pid.toString());
  return all || mySid < 0 || p.sid == mySid;
}

function main(): void {
  const cols = formatFor(bsd);
  let anyHeader = false;
  for (let i = 0; i < cols.length; i++) if (cols[i].header.trim().length > 0) anyHeader = true;
  if (anyHeader) line(cols, null);
  const list = pids();
  let shown = 0;
  for (let i = 0; i < list.length; i++) {
    const p = readProc(list[i]);
    if (!p || !selected(p)) continue;
    line(cols, p);
    shown++;
  }
  if (shown == 0) tool.status = 1;                  // procps: no process matched
  tool.exit();
}

main();
