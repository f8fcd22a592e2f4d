// kill: send a signal (TERM by default) to each PID, as procps kill does. A negative PID names a
// process group (after -- or after the signal: `kill -9 -- -5`, `kill -TERM -5`); 0 is the caller's
// group, -1 every process but init. The signal: -NUM, -NAME, -SIGNAME, -s SIG, --signal SIG.
// -l lists the names (or turns each SIG into a name or a number: `kill -l 15` -> TERM), -L as a
// table. Messages as procps': "kill: (42): No such process" (status 1, the other pids still get
// theirs), "kill: failed to parse argument: 'x'", "kill: invalid argument x" and the usage.
// Usage: kill [-s SIG | -SIG] PID...   kill -l [SIG...]   kill -L
import { Tool, out, flushOut, eprint, args, kill, Sig, NSIG, SIGNAL_NAMES, signalName, signalNumber } from "../sdk";

const HELP = "kill [options] <pid> [...]\n\nOptions:\n" +
  " <pid> [...]            send signal to every <pid> listed\n" +
  " -<signal>, -s, --signal <signal>\n                        specify the <signal> to be sent\n" +
  " -l, --list=[<signal>]  list all signal names, or convert one to a name\n" +
  " -L, --table            list all signal names in a nice table\n\n" +
  " -h, --help     display this help and exit\n";
const LIST_WIDTH = 80;         // procps wraps kill -l's names before this column
const TABLE_COLUMNS = 7;       // kill -L: entries per row
const TABLE_ENTRY = 11;        // ... each "%2d %-8s" wide
const tool = new Tool("kill", "", HELP);
const argv = args();

/** A signal spec: a number (0..64) or a name; -1 if neither. */
function parseSignal(s: string): i32 {
  if (isNumber(s)) { const n = I32.parseInt(s); return n <= NSIG ? n : -1; }
  return signalNumber(s);
}

function isNumber(s: string): bool {
  if (s.length == 0 || s.length > 9) return false;
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) < 0x30 || s.charCodeAt(i) > 0x39) return false;
  return true;
}

function badUsage(msg: string): void {
  if (msg.length > 0) tool.warn(msg);
  flushOut();
  eprint("\nUsage:\n " + HELP.substring(0, HELP.indexOf("\n") + 1) + "\nOptions:" +
    HELP.substring(HELP.indexOf("\nOptions:") + 9) + "\nFor more details see kill(1).\n");
  tool.status = 1;
  tool.exit();
}

/** kill -l: the names, wrapped as procps wraps them. */
function listAll(): void {
  let line = "";
  for (let i = 0; i < SIGNAL_NAMES.length; i++) {
    const n = SIGNAL_NAMES[i];
    if (line.length > 0 && line.length + 1 + n.length > LIST_WIDTH - 4) { out(line + "\n"); line = ""; }
    line += (line.length > 0 ? " " : "") + n;
  }
  out(line + "\n");
}

/** kill -L: "NUM NAME" in rows of seven, each name padded to 8 but at a row's end. */
function table(): void {
  const n = SIGNAL_NAMES.length;
  for (let i = 0; i < n; i++) {
    const entry = (i + 1).toString().padStart(2) + " " + SIGNAL_NAMES[i];
    if (i + 1 == n) out(entry.padEnd(TABLE_ENTRY) + "\n");
    else if ((i + 1) % TABLE_COLUMNS == 0) out(entry + "\n");
    else out(entry.padEnd(TABLE_ENTRY));
  }
}

/** kill -l SIG: a number becomes its name, a name its number. */
function convert(s: string): void {
  if (isNumber(s)) {
    const name = signalName(I32.parseInt(s) & 0x7f);    // an exit status 128+N names N, as coreutils
    if (name.length > 0) { out(name + "\n"); return; }
  } else {
    const n = signalNumber(s);
    if (n > 0) { out(n.toString() + "\n"); return; }
  }
  tool.warn("unknown signal name " + s);
  tool.status = 1;
}

/** Send sig to one pid operand. */
function send(s: string, sig: i32): void {
  const neg = s.startsWith("-");
  const digits = neg ? s.substring(1) : s;
  if (!isNumber(digits)) { tool.warn("failed to parse argument: '" + s + "'"); tool.status = 1; tool.exit(); }
  const pid = neg ? -I32.parseInt(digits) : I32.parseInt(digits);
  const r = kill(pid, sig);
  if (r < 0) tool.fail("(" + pid.toString() + ")", r);
}

function main(): void {
  let sig: i32 = Sig.SIGTERM;
  let given = false;                                      // a signal was named: -N is now a pid
  let i = 1;
  for (; i < argv.length; i++) {
    const a = argv[i];
    if (a == "--") { i++; break; }
    if (!a.startsWith("-") || a.length < 2 || (given && isNumber(a.substring(1)))) break;
    if (a == "--help" || a == "-h") { out("Usage: " + HELP); tool.exit(); }
    if (a == "-l" || a == "--list" || a.startsWith("--list=")) {
      const rest = a.startsWith("--list=") ? [a.substring(7)] : argv.slice(i + 1);
      if (rest.length == 0) listAll(); else for (let j = 0; j < rest.length; j++) convert(rest[j]);
      tool.exit();
    }
    if (a == "-L" || a == "--table") { table(); tool.exit(); }
    let spec = "";
    if (a == "-s" || a == "--signal") { if (i + 1 >= argv.length) badUsage("invalid argument s"); spec = argv[++i]; }
    else if (a.startsWith("--signal=")) spec = a.substring(9);
    else if (a.startsWith("-s") && a.length > 2 && parseSignal(a.substring(1)) < 0) spec = a.substring(2);
    else if (!a.startsWith("--")) spec = a.substring(1);
    const n = spec.length > 0 ? parseSignal(spec) : -1;
    if (n < 0) badUsage("invalid argument " + (a.startsWith("--") ? a.substring(2) : a.charAt(1)));
    sig = n; given = true;
  }
  if (i >= argv.length) badUsage("");
  for (; i < argv.length; i++) send(argv[i], sig);
  tool.exit();
}

main();
