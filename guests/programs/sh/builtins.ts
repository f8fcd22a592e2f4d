// The built-in commands. Special built-ins (POSIX's list: their assignments stay, their errors end
// a non-interactive shell): : . (and bash's name for it, source) break continue eval exec exit export readonly return set shift
// trap unset. Regular ones: cd pwd echo printf true false test [ read command type local jobs fg bg
// wait kill history.
//
// Interface: isSpecialBuiltin(name) isBuiltin(name) runBuiltin(argv) -> status
import { chdirTo, cwd, read, kill, strerror, print, eprint, Sig, NSIG, Errno } from "../../sdk";
import { signalName, decodeSignal } from "./signames";
import { sh, getVar, setVar, unsetVar, exportVar, readonlyVar, markedNames, allNames, isName, err,
  makeLocal } from "./vars";
import { runString, runSource, exitShell, fatal, findCommand, execProgram, readFile, openError,
  hasFunction, removeFunction, invokeFunction } from "./run";
import { Source } from "./lex";
import { ifsSplit } from "./expand";
import { testCmd } from "./test";
import { echoCmd, printfCmd } from "./printf";
import { printJobs, fg, bg, waitCmd, jobPgid } from "./jobs";
import { trapCmd, pendingSignal } from "./trap";
import { historyCmd } from "./history";
import { parseNumber } from "./arith";
import { fork, waitpid } from "../../sdk";
import { forkJob, childSetup, parentSetup, waitJob } from "./jobs";

const SPECIAL = [":", ".", "source", "break", "continue", "eval", "exec", "exit", "export", "readonly", "return",
  "set", "shift", "trap", "unset"];
const REGULAR = ["cd", "pwd", "echo", "printf", "true", "false", "test", "[", "read", "command", "type",
  "local", "jobs", "fg", "bg", "wait", "kill", "history"];
const KEYWORDS = ["if", "then", "else", "elif", "fi", "do", "done", "case", "esac", "while", "until",
  "for", "in", "{", "}", "!"];
const byte = memory.data(1);

export function isSpecialBuiltin(name: string): bool { return SPECIAL.includes(name); }
export function isBuiltin(name: string): bool { return REGULAR.includes(name); }

export function runBuiltin(argv: string[]): i32 {
  const name = argv[0];
  if (name == ":" || name == "true") return 0;
  if (name == "false") return 1;
  if (name == "echo") return echoCmd(argv);
  if (name == "printf") return printfCmd(argv);
  if (name == "test" || name == "[") return testCmd(argv);
  if (name == "cd") return cd(argv);
  if (name == "pwd") { print(cwd() + "\n"); return 0; }
  if (name == "exit") return exitCmd(argv);
  if (name == "export" || name == "readonly") return mark(argv);
  if (name == "unset") return unset(argv);
  if (name == "set") return set(argv);
  if (name == "shift") return shift(argv);
  if (name == "eval") return argv.length > 1 ? runString(argv.slice(1).join(" ")) : 0;
  if (name == "." || name == "source") return dot(argv);
  if (name == "exec") { if (argv.length > 1) execProgram(null, [], argv.slice(1)); return 0; }
  if (name == "return") return returnCmd(argv);
  if (name == "break" || name == "continue") return loopControl(argv);
  if (name == "trap") return trapCmd(argv.slice(1));
  if (name == "read") return readCmd(argv);
  if (name == "command") return command(argv);
  if (name == "type") return typeCmd(argv);
  if (name == "local") return local(argv);
  if (name == "jobs") return printJobs();
  if (name == "fg") return fg(argv.length > 1 ? argv[1] : "");
  if (name == "bg") return bg(argv.length > 1 ? argv[1] : "");
  if (name == "wait") return waitCmd(argv.slice(1));
  if (name == "kill") return killCmd(argv);
  if (name == "history") return historyCmd(argv);
  return 127;
}

function cd(argv: string[]): i32 {
  let dir = argv.length > 1 ? argv[1] : "";
  let show = false;
  if (argv.length == 1) {
    const home = getVar("HOME");
    if (home === null) { err("cd: HOME not set"); return 2; }
    dir = home;
  } else if (dir == "-") {
    const old = getVar("OLDPWD");
    if (old === null) { err("cd: OLDPWD not set"); return 2; }
    dir = old; show = true;
  }
  const before = cwd();
  if (chdirTo(dir) < 0) { err("cd: can't cd to " + dir); return 2; }
  setVar("OLDPWD", before);
  const now = cwd();
  setVar("PWD", now);
  if (show) print(now + "\n");
  return 0;
}

function exitCmd(argv: string[]): i32 {
  let code = sh.status;
  if (argv.length > 1) {
    const v = parseNumber(argv[1]);
    if (v < 0 || !isDecimal(argv[1])) { fatal("exit: Illegal number: " + argv[1]); return 2; }
    code = <i32>v;
  }
  exitShell(code);
  return code;
}

function isDecimal(s: string): bool {
  if (s.length == 0) return false;
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) < 0x30 || s.charCodeAt(i) > 0x39) return false;
  return true;
}

/** export / readonly: NAME[=VALUE]..., or -p (and no names) to list them. */
function mark(argv: string[]): i32 {
  const exp = argv[0] == "export";
  let first = 1;
  if (argv.length > 1 && argv[1] == "-p") first = 2;
  if (argv.length <= first) {
    const names = markedNames(exp);
    for (let i = 0; i < names.length; i++) {
      const v = getVar(names[i]);
      print(argv[0] + " " + names[i] + (v === null ? "" : "=" + quote(v)) + "\n");
    }
    return 0;
  }
  for (let i = first; i < argv.length; i++) {
    const a = argv[i];
    const eq = a.indexOf("=");
    const name = eq < 0 ? a : a.substring(0, eq);
    if (!isName(name)) { fatal(argv[0] + ": " + name + ": bad variable name"); return 2; }
    if (eq >= 0 && !setVar(name, a.substring(eq + 1))) { fatal(""); return 2; }
    if (exp) exportVar(name); else readonlyVar(name);
  }
  return 0;
}

/** A value quoted for re-input, as dash's `set` and `export -p` print it. */
function quote(v: string): string {
  if (v.length > 0 && isPlain(v)) return v;
  return "'" + v.replaceAll("'", "'\"'\"'") + "'";
}

function isPlain(v: string): bool {
  for (let i = 0; i < v.length; i++) {
    const c = v.charCodeAt(i);
    const ok = (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) ||
      c == 0x5f || c == 0x2f || c == 0x2e || c == 0x2d || c == 0x2c || c == 0x3a || c == 0x2b || c == 0x40 || c == 0x25;
    if (!ok) return false;
  }
  return true;
}

function unset(argv: string[]): i32 {
  let funcs = false;
  let i = 1;
  for (; i < argv.length && argv[i].startsWith("-"); i++) {
    if (argv[i] == "-f") funcs = true;
    else if (argv[i] == "-v") funcs = false;
    else if (argv[i] == "--") { i++; break; }
  }
  for (; i < argv.length; i++) {
    if (funcs) { removeFunction(argv[i]); continue; }
    if (!unsetVar(argv[i])) { fatal(""); return 2; }
  }
  return 0;
}

function set(argv: string[]): i32 {
  if (argv.length == 1) {
    const names = allNames();
    for (let i = 0; i < names.length; i++) print(names[i] + "=" + quote(getVar(names[i])!) + "\n");
    return 0;
  }
  let i = 1;
  for (; i < argv.length; i++) {
    const a = argv[i];
    if (a == "--") { i++; sh.params = argv.slice(i); return 0; }
    if (a == "-" ) { i++; break; }
    if (a.length < 2 || (a.charAt(0) != "-" && a.charAt(0) != "+")) break;
    const on = a.charAt(0) == "-";
    if (a.charAt(1) == "o") { if (!setLongOption(i + 1 < argv.length ? argv[++i] : "", on)) return 2; continue; }
    for (let k = 1; k < a.length; k++) if (!setOption(a.charAt(k), on)) return 2;
  }
  if (i < argv.length) sh.params = argv.slice(i);
  return 0;
}

function setOption(c: string, on: bool): bool {
  if (c == "e") sh.errexit = on;
  else if (c == "u") sh.nounset = on;
  else if (c == "x") sh.xtrace = on;
  else if (c == "f") sh.noglob = on;
  else if (c == "v") sh.verbose = on;
  else if (c == "m" || c == "C" || c == "n" || c == "a" || c == "b") {}
  else { fatal("set: Illegal option " + (on ? "-" : "+") + c); return false; }
  return true;
}

function setLongOption(name: string, on: bool): bool {
  if (name == "errexit") return setOption("e", on);
  if (name == "nounset") return setOption("u", on);
  if (name == "xtrace") return setOption("x", on);
  if (name == "noglob") return setOption("f", on);
  if (name == "verbose") return setOption("v", on);
  if (name == "monitor" || name == "noclobber" || name == "allexport") return true;
  fatal("set: Illegal option -o " + name);
  return false;
}

function shift(argv: string[]): i32 {
  let n = 1;
  if (argv.length > 1) {
    if (!isDecimal(argv[1])) { fatal("shift: Illegal number: " + argv[1]); return 2; }
    n = I32.parseInt(argv[1]);
  }
  if (n > sh.params.length) { fatal("shift: can't shift that many"); return 2; }
  sh.params = sh.params.slice(n);
  return 0;
}

/** `. FILE [ARGS]`: run FILE (found on PATH when it has no '/') in this shell. */
function dot(argv: string[]): i32 {
  if (argv.length < 2) return 0;
  const name = argv[1];
  let path = name;
  if (!name.includes("/")) {
    const pathVar = getVar("PATH");
    const dirs = (pathVar === null ? "" : pathVar).split(":");
    path = "";
    for (let i = 0; i < dirs.length; i++) {
      const full = (dirs[i].length == 0 ? "." : dirs[i]) + "/" + name;
      if (readFile(full) !== null) { path = full; break; }
    }
  }
  const text = path.length > 0 ? readFile(path) : null;
  if (text === null) { fatal(".: cannot open " + name + ": " + openError(2, true)); return 2; }
  const saved = sh.params;
  if (argv.length > 2) sh.params = argv.slice(2);
  const line = sh.line;
  const st = runSource(new Source(text));
  sh.line = line;
  if (argv.length > 2) sh.params = saved;
  if (sh.returning && sh.funcDepth == 0) sh.returning = false;
  return st;
}

function returnCmd(argv: string[]): i32 {
  let st = sh.status;
  if (argv.length > 1) {
    if (!isDecimal(argv[1])) { fatal("return: Illegal number: " + argv[1]); return 2; }
    st = I32.parseInt(argv[1]);
  }
  sh.returning = true;
  sh.status = st;
  return st;
}

function loopControl(argv: string[]): i32 {
  let n = 1;
  if (argv.length > 1) {
    if (!isDecimal(argv[1]) || I32.parseInt(argv[1]) == 0) { fatal(argv[0] + ": Illegal number: " + argv[1]); return 2; }
    n = I32.parseInt(argv[1]);
  }
  if (sh.loopDepth == 0) return 0;
  if (n > sh.loopDepth) n = sh.loopDepth;
  if (argv[0] == "break") sh.breaks = n; else sh.continues = n;
  return 0;
}

/** read [-r] [-p PROMPT] NAME...: one line of stdin split on IFS; status 1 at end of input. */
function readCmd(argv: string[]): i32 {
  let raw = false;
  let i = 1;
  for (; i < argv.length && argv[i].startsWith("-") && argv[i].length > 1; i++) {
    if (argv[i] == "-r") raw = true;
    else if (argv[i] == "-p" && i + 1 < argv.length) eprint(argv[++i]);
    else if (argv[i] == "--") { i++; break; }
    else { err("read: Illegal option " + argv[i]); return 2; }
  }
  const names = i < argv.length ? argv.slice(i) : ["REPLY"];
  let line = "";
  let eof = true;
  for (;;) {
    const r = read(0, byte, 1);
    if (r == -Errno.EINTR && pendingSignal() == 0) continue;   // dash: only a trapped signal ends it
    if (r <= 0) break;
    const c = load<u8>(byte);
    if (c == 0x0a) { eof = false; break; }
    if (c == 0x5c && !raw) {
      if (read(0, byte, 1) <= 0) break;
      const d = load<u8>(byte);
      if (d == 0x0a) continue;
      line += "\\" + String.fromCharCode(d);
      continue;
    }
    line += String.fromCharCode(c);
  }
  const utf = decodeLatin(line);
  const fields = ifsSplit(utf, names.length);
  for (let k = 0; k < names.length; k++) {
    let v = k < fields.length ? fields[k] : "";
    if (!raw) v = unbackslash(v);
    if (!setVar(names[k], v)) return 2;
  }
  return eof ? 1 : 0;
}

/** The bytes read one per character, decoded as UTF-8. */
function decodeLatin(s: string): string {
  const b = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) b[i] = <u8>s.charCodeAt(i);
  return String.UTF8.decode(b.buffer);
}

function unbackslash(s: string): string {
  if (!s.includes("\\")) return s;
  let out = "";
  for (let i = 0; i < s.length; i++) {
    if (s.charCodeAt(i) == 0x5c && i + 1 < s.length) i++;
    out += s.charAt(i);
  }
  return out;
}

/** command [-v|-V] NAME [ARGS]: describe NAME, or run it without looking for functions. */
function command(argv: string[]): i32 {
  if (argv.length < 2) return 0;
  if (argv[1] == "-v" || argv[1] == "-V") {
    let st = 0;
    for (let i = 2; i < argv.length; i++) {
      const n = argv[i];
      if (argv[1] == "-V") { st = describe(n) == 0 ? st : 127; continue; }
      if (KEYWORDS.includes(n) || isSpecialBuiltin(n) || isBuiltin(n) || hasFunction(n)) { print(n + "\n"); continue; }
      const p = findCommand(n);
      if (p.length > 0) print(p + "\n"); else st = 127;
    }
    return st;
  }
  const args = argv.slice(1);
  if (isSpecialBuiltin(args[0]) || isBuiltin(args[0])) return runBuiltin(args);
  const pid = forkJob();
  if (pid == 0) { childSetup(0, true); execProgram(null, [], args); }
  if (pid < 0) { err("fork: " + strerror(<i32>-pid)); return 2; }
  parentSetup(<i32>pid, <i32>pid);
  return waitJob([<i32>pid], <i32>pid, args.join(" "));
}

function describe(n: string): i32 {
  if (KEYWORDS.includes(n)) { print(n + " is a shell keyword\n"); return 0; }
  if (hasFunction(n)) { print(n + " is a shell function\n"); return 0; }
  if (isSpecialBuiltin(n)) { print(n + " is a special shell builtin\n"); return 0; }
  if (isBuiltin(n)) { print(n + " is a shell builtin\n"); return 0; }
  const p = findCommand(n);
  if (p.length > 0) { print(n + " is " + p + "\n"); return 0; }
  print(n + ": not found\n");
  return 127;
}

function typeCmd(argv: string[]): i32 {
  let st = 0;
  for (let i = 1; i < argv.length; i++) if (describe(argv[i]) != 0) st = 127;
  return st;
}

function local(argv: string[]): i32 {
  if (sh.funcDepth == 0) { err("local: not in a function"); return 2; }
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i];
    const eq = a.indexOf("=");
    const name = eq < 0 ? a : a.substring(0, eq);
    if (!isName(name)) { err("local: " + name + ": bad variable name"); return 2; }
    makeLocal(name);
    if (eq >= 0 && !setVar(name, a.substring(eq + 1))) return 2;
  }
  return 0;
}

const KILL_USAGE = "kill: Usage: kill [-s sigspec | -signum | -sigspec] [pid | job]... or\nkill -l [exitstatus]";
const STATUS_SIGNAL = 128;              // an exit status above this is 128 + a signal number
let killSig = -1;                       // kill's signal (-1: none given)
let killList = false;                   // kill -l

/** kill [-s SIG | -SIG] PID|%JOB... and kill -l [STATUS], as dash parses and words them. */
function killCmd(argv: string[]): i32 {
  killSig = -1; killList = false;
  let i = 1;
  if (i < argv.length && argv[i].startsWith("-") && argv[i].length > 1) {
    killSig = decodeSignal(argv[i].substring(1), 1);
    if (killSig >= 0) i++;
    else { i = killOptions(argv); if (i < 0) return 2; }
  }
  if (!killList && killSig < 0) killSig = Sig.SIGTERM;
  const none = i >= argv.length;
  if ((killSig < 0 || none) != killList) { err(KILL_USAGE); return 2; }
  if (killList) return listSignals(none ? "" : argv[i]);
  let st = 0;
  for (; i < argv.length; i++) {
    const t = argv[i];
    let pid = 0;
    if (t.startsWith("%")) {
      const g = jobPgid(t);
      if (g == 0) { err("kill: " + t + ": no such job"); return 2; }
      pid = -g;
    } else {
      const neg = t.startsWith("-");
      const digits = neg ? t.substring(1) : t;
      if (!isDecimal(digits)) { err("kill: Illegal number: " + digits); return 2; }
      pid = neg ? -I32.parseInt(digits) : I32.parseInt(digits);
    }
    const r = kill(pid, killSig);
    if (r < 0) { err("kill: " + strerror(<i32>-r) + "\n"); st = 1; }
  }
  return st;
}

// dash's nextopt("ls:") for kill: -l, -s SIG, -sSIG, "--"; the first operand's index, -1 after an error.
function killOptions(argv: string[]): i32 {
  let i = 1;
  for (; i < argv.length; i++) {
    const a = argv[i];
    if (a == "--") return i + 1;
    if (!a.startsWith("-") || a.length < 2) break;
    for (let k = 1; k < a.length; k++) {
      const c = a.charAt(k);
      if (c == "l") { killList = true; continue; }
      if (c != "s") { err("kill: Illegal option -" + c); return -1; }
      let name = a.substring(k + 1);
      if (name.length == 0) {
        if (i + 1 >= argv.length) { err("kill: No arg for -s option"); return -1; }
        name = argv[++i];
      }
      killSig = decodeSignal(name, 1);
      if (killSig < 0) { err("kill: invalid signal number or name: " + name); return -1; }
      break;
    }
  }
  return i;
}

/** kill -l: "0" then every signal's name; kill -l N: the name of signal N (or of status 128+N). */
function listSignals(arg: string): i32 {
  if (arg.length == 0) {
    print("0\n");
    for (let n = 1; n <= NSIG; n++) print(signalName(n) + "\n");
    return 0;
  }
  if (!isDecimal(arg)) { err("kill: Illegal number: " + arg); return 2; }
  let n = arg.length > 9 ? 0 : I32.parseInt(arg);
  if (n > STATUS_SIGNAL) n -= STATUS_SIGNAL;
  if (n <= 0 || n > NSIG) { err("kill: invalid signal number or exit status: " + arg); return 2; }
  print(signalName(n) + "\n");
  return 0;
}
