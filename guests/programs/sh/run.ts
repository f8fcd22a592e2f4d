// The executor: runs parsed commands. Lists, and-or lists, pipelines (a process per command joined by
// pipes), subshells (a forked copy), groups, if/while/until/for/case, function definitions and
// calls, simple commands (assignments, redirections, built-ins, programs found on PATH), background
// jobs, command substitution, set -e and set -x.
//
// Interface:
//   runSource(src) -> status     parse and run a whole source, command by command
//   runString(text) -> status    the same for a string (eval, -c, command substitution)
//   execNode(node) -> status     run one parsed command
//   commandSubst(text) -> output the output of text run in a subshell, trailing newlines removed
//   fatal(msg)                   a shell error: message, status 2; a non-interactive shell exits
//   exitShell(status)            run the EXIT trap and exit
//   findCommand(name) -> path    where PATH finds a program ("" if nowhere)
//   redirect(redirs, save) -> bool   apply redirections (saving the old fds to restore when save)
import { fork, execv, waitpid, pipe2, dup3, close, open, read, fcntl, exit_group, access, stat,
  writeString, strerror, eprint, Errno, O_RDONLY, O_WRONLY, O_RDWR, O_CREAT, O_TRUNC, O_APPEND,
  O_CLOEXEC, F_DUPFD_CLOEXEC, F_SETFD, F_GETFD, X_OK, S_ISDIR, ST_MODE, STAT_SIZE, PAGE_SIZE, WNOHANG } from "../../sdk";
import { N, Node, R, Redir } from "./node";
import { Source, Lexer } from "./lex";
import { Parser } from "./parse";
import { sh, setVar, getVar, unsetVar, exportVar, environ, err, errorPrefix, pushLocals, popLocals } from "./vars";
import { expandWords, expandString, expandPattern, expandHeredoc, expandFailed } from "./expand";
import { match } from "./glob";
import { isSpecialBuiltin, isBuiltin, runBuiltin } from "./builtins";
import { forkJob, childSetup, parentSetup, waitJob, addJob, statusOf } from "./jobs";
import { takeExitTrap, resetTraps, pendingSignal, runTraps } from "./trap";

const SAVE_FD = 10;                     // the shell keeps copies of its own fds at 10 and up
const PIPE_SIZE = PAGE_SIZE;            // a here-document longer than this is fed by a child
const READ_CHUNK = PAGE_SIZE;
const fds = memory.data(8);
const wst = memory.data(4);
const statBuf = memory.data(<i32>STAT_SIZE, 8);

const functions = new Map<string, Node>();
let substStatus = -1;                   // the status of the last command substitution

// ---- sources ----

export function runSource(src: Source): i32 {
  const lx = new Lexer(src);
  const p = new Parser(lx);
  let st = 0;
  for (;;) {
    if (sh.interactive && src.fd >= 0) prepareInteractive(src, lx);
    const n = p.command();
    if (p.failed()) {
      sh.line = p.errorLine;
      syntaxError(p.error);
      if (!sh.interactive || src.fd < 0) return 2;
      p.error = "";
      lx.reset();
      continue;
    }
    if (!n) break;
    sh.line = p.line;
    if (pendingSignal() != 0) runTraps();     // a signal that came while the line was read (dash)
    st = execNode(n);
    sh.status = st;
    if (sh.aborted) {
      if (!sh.interactive || sh.subshell) exitShell(sh.status);
      sh.aborted = false;
      if (src.fd < 0) break;
    }
    if (sh.returning || sh.breaks > 0 || sh.continues > 0) break;
  }
  return sh.status;
}

// Forget consumed text, report finished jobs and print the prompt before the next command.
function prepareInteractive(src: Source, lx: Lexer): void {
  if (lx.pos >= src.text.length) { src.text = ""; lx.pos = 0; }
  notifyJobsHook();
  src.prompt1 = promptText("PS1", "$PWD $ ");
  src.prompt2 = promptText("PS2", "> ");
}

function promptText(name: string, dflt: string): string {
  const v = getVar(name);
  const raw = v === null ? dflt : v;
  const saved = sh.status;
  const s = expandString(raw.includes("$") ? "\"" + raw.replaceAll("\"", "\\\"") + "\"" : raw);
  sh.status = saved;
  return s;
}

import { notifyJobs } from "./jobs";
function notifyJobsHook(): void { notifyJobs(); }

export function syntaxError(msg: string): void {
  eprint(errorPrefix() + "Syntax error: " + msg + "\n");
  sh.status = 2;
}

export function runString(text: string): i32 {
  const saveLine = sh.line;
  const st = runSource(new Source(text));
  sh.line = saveLine;
  return st;
}

export function fatal(msg: string): void {
  err(msg);
  sh.status = 2;
  if (!sh.interactive || sh.subshell) exitShell(2);
  sh.aborted = true;
}

export function exitShell(status: i32): void {
  const action = takeExitTrap();
  if (action.length > 0) {
    sh.aborted = false; sh.returning = false; sh.breaks = 0; sh.continues = 0;
    sh.status = status;
    runString(action);
  }
  exit_group(status & 0xff);
}

// ---- nodes ----

/** Run one command, then the actions of the trapped signals that arrived meanwhile (dash's dotrap). */
export function execNode(n: Node): i32 {
  if (sh.aborted) return sh.status;
  const st = execKind(n);
  if (pendingSignal() != 0) { sh.status = st; runTraps(); }
  return st;
}

function execKind(n: Node): i32 {
  switch (n.kind) {
    case N.LIST: return execList(n);
    case N.AND: case N.OR: return execAndOr(n);
    case N.PIPE: return execPipe(n);
    case N.SIMPLE: return execSimple(n, false);
    case N.FUNC: functions.set(n.name, n.kids[0]); return 0;
    default: return withRedirs(n);
  }
}

function stopping(): bool { return sh.aborted || sh.returning || sh.breaks > 0 || sh.continues > 0; }

function execList(n: Node): i32 {
  let st = sh.status;
  for (let i = 0; i < n.kids.length; i++) {
    if (n.async[i]) { runAsync(n.kids[i]); st = 0; }
    else st = execNode(n.kids[i]);
    sh.status = st;
    if (stopping()) break;
  }
  return st;
}

function execAndOr(n: Node): i32 {
  sh.noErrexit++;
  let st = execNode(n.kids[0]);
  sh.noErrexit--;
  sh.status = st;
  if (stopping()) return st;
  if ((n.kind == N.AND) == (st == 0)) st = execNode(n.kids[1]);
  return st;
}

function execPipe(n: Node): i32 {
  if (n.bang) sh.noErrexit++;
  let st = n.kids.length == 1 ? execNode(n.kids[0]) : runPipeline(n.kids, n);
  if (n.bang) { sh.noErrexit--; st = st == 0 ? 1 : 0; }
  else if (st != 0 && sh.errexit && sh.noErrexit == 0 && !stopping()) exitShell(st);
  sh.status = st;
  return st;
}

// Compound commands with their redirections.
function withRedirs(n: Node): i32 {
  if (n.kind == N.SUBSHELL) return runSubshell(n);
  const saved = new Array<i32>();
  if (n.redirs.length > 0 && !redirect(n.redirs, saved)) { restore(saved); return 2; }
  const st = execCompound(n);
  restore(saved);
  return st;
}

function execCompound(n: Node): i32 {
  switch (n.kind) {
    case N.GROUP: return execNode(n.kids[0]);
    case N.IF: return execIf(n);
    case N.WHILE: case N.UNTIL: return execLoop(n);
    case N.FOR: return execFor(n);
    case N.CASE: return execCase(n);
  }
  return 0;
}

function condition(n: Node): i32 {
  sh.noErrexit++;
  const st = execNode(n);
  sh.noErrexit--;
  return st;
}

function execIf(n: Node): i32 {
  let k = 0;
  while (k + 1 < n.kids.length) {
    const c = condition(n.kids[k]);
    if (stopping()) return c;
    if (c == 0) return execNode(n.kids[k + 1]);
    k += 2;
  }
  return k < n.kids.length ? execNode(n.kids[k]) : 0;
}

/** After a loop body: true when the loop must end (break, return, error). */
function loopEnds(): bool {
  if (sh.continues > 0) {
    if (--sh.continues > 0) return true;
    return false;
  }
  if (sh.breaks > 0) { sh.breaks--; return true; }
  return sh.aborted || sh.returning;
}

function execLoop(n: Node): i32 {
  let st = 0;
  sh.loopDepth++;
  for (;;) {
    const c = condition(n.kids[0]);
    if (sh.breaks > 0 || sh.continues > 0) { if (loopEnds()) break; continue; }
    if (stopping()) break;
    if ((c == 0) != (n.kind == N.WHILE)) break;
    st = execNode(n.kids[1]);
    if (loopEnds()) break;
  }
  sh.loopDepth--;
  return st;
}

function execFor(n: Node): i32 {
  const items = n.hasIn ? expandWords(n.words) : sh.params.slice(0);
  if (expandFailed) return 2;
  let st = 0;
  sh.loopDepth++;
  for (let i = 0; i < items.length; i++) {
    if (!setVar(n.name, items[i])) { st = 1; break; }
    st = execNode(n.kids[0]);
    if (loopEnds()) break;
  }
  sh.loopDepth--;
  return st;
}

function execCase(n: Node): i32 {
  const subject = expandString(n.words[0]);
  if (expandFailed) return 2;
  for (let i = 0; i < n.patterns.length; i++) {
    const pats = n.patterns[i];
    for (let k = 0; k < pats.length; k++) {
      const pat = expandPattern(pats[k]);
      if (match(pat, subject)) return execNode(n.kids[i]);
    }
  }
  return 0;
}

// ---- processes ----

/** In a forked child: it is a subshell now (errors exit, traps reset). */
function becomeChild(): void {
  sh.subshell = true;
  resetTraps();
}

function runSubshell(n: Node): i32 {
  const pid = forkJob();
  if (pid == 0) {
    becomeChild();
    childSetup(0, true);
    const saved = new Array<i32>();
    if (!redirect(n.redirs, saved)) exit_group(2);
    exitShell(execNode(n.kids[0]));
  }
  if (pid < 0) { err("fork: " + strerror(<i32>-pid)); return 2; }
  parentSetup(<i32>pid, 0);
  return waitJob([<i32>pid], <i32>pid, n.text);
}

/** Run node in this (forked) process and exit with its status: a program is exec'd, a ( ) runs
 *  here (no second fork, as dash). */
function runInChild(n: Node): void {
  const one = n.kind == N.PIPE && n.kids.length == 1 && !n.bang ? n.kids[0] : n;
  let st: i32;
  if (one.kind == N.SIMPLE) st = execSimple(one, true);
  else if (one.kind == N.SUBSHELL) {
    const saved = new Array<i32>();
    if (!redirect(one.redirs, saved)) exit_group(2);
    st = execNode(one.kids[0]);
  } else st = execNode(n);
  exitShell(st);
}

function runPipeline(cmds: Node[], whole: Node): i32 {
  const pids = new Array<i32>();
  let prev = -1, pgid = 0;
  for (let k = 0; k < cmds.length; k++) {
    let rd = -1, wr = -1;
    if (k + 1 < cmds.length) {
      const r = pipe2(fds, O_CLOEXEC);
      if (r < 0) { err("pipe: " + strerror(<i32>-r)); break; }
      rd = load<i32>(fds); wr = load<i32>(fds + 4);
    }
    const pid = forkJob();
    if (pid == 0) {
      becomeChild();
      childSetup(pgid, true);
      if (prev >= 0) moveFd(prev, 0);
      if (wr >= 0) { close(rd); moveFd(wr, 1); }
      runInChild(cmds[k]);
    }
    if (pid < 0) { err("fork: " + strerror(<i32>-pid)); if (rd >= 0) { close(rd); close(wr); } break; }
    if (pgid == 0) pgid = <i32>pid;
    parentSetup(<i32>pid, pgid);
    pids.push(<i32>pid);
    if (prev >= 0) close(prev);
    if (wr >= 0) close(wr);
    prev = rd;
  }
  if (prev >= 0) close(prev);
  const st = waitJob(pids, pgid, nodeText(whole));
  return pids.length == cmds.length ? st : 1;
}

function runAsync(n: Node): void {
  const pid = forkJob();
  if (pid == 0) {
    becomeChild();
    childSetup(0, false);
    if (!sh.interactive) {
      const nul = open("/dev/null", O_RDONLY | O_CLOEXEC);
      if (nul >= 0) moveFd(<i32>nul, 0);
    }
    runInChild(n);
  }
  if (pid < 0) { err("fork: " + strerror(<i32>-pid)); return; }
  parentSetup(<i32>pid, <i32>pid);
  sh.lastBg = <i32>pid;
  addJob([<i32>pid], <i32>pid, nodeText(n));
}

function nodeText(n: Node): string {
  if (n.text.length > 0) return n.text;
  if (n.kids.length > 0) {
    const parts = new Array<string>();
    for (let i = 0; i < n.kids.length; i++) parts.push(nodeText(n.kids[i]));
    return parts.join(n.kind == N.PIPE ? " | " : n.kind == N.AND ? " && " : n.kind == N.OR ? " || " : "; ");
  }
  return "";
}

export function commandSubst(text: string): string {
  const r = pipe2(fds, O_CLOEXEC);
  if (r < 0) { err("pipe: " + strerror(<i32>-r)); return ""; }
  const rd = load<i32>(fds), wr = load<i32>(fds + 4);
  const pid = fork();
  if (pid == 0) {
    becomeChild();
    close(rd);
    moveFd(wr, 1);
    exitShell(runString(text));
  }
  close(wr);
  const out = readAll(rd);
  close(rd);
  if (pid < 0) { err("fork: " + strerror(<i32>-pid)); return ""; }
  store<i32>(wst, 0);
  waitpid(<i32>pid, wst, 0);
  substStatus = statusOf(load<i32>(wst));
  let e = out.length;
  while (e > 0 && out.charCodeAt(e - 1) == 0x0a) e--;
  return out.substring(0, e);
}

function readAll(fd: i32): string {
  let buf = new Uint8Array(READ_CHUNK);
  let n = 0;
  for (;;) {
    if (n == buf.length) { const b2 = new Uint8Array(buf.length * 2); b2.set(buf); buf = b2; }
    const r = read(fd, buf.dataStart + n, buf.length - n);
    if (r <= 0) break;
    n += <i32>r;
  }
  return String.UTF8.decodeUnsafe(buf.dataStart, n);
}

// ---- simple commands ----

function execSimple(n: Node, inChild: bool): i32 {
  sh.line = n.line;
  substStatus = -1;
  const argv = expandWords(n.words);
  if (expandFailed) return 2;
  const values = new Array<string>();
  for (let i = 0; i < n.assigns.length; i++) {
    const a = n.assigns[i];
    values.push(expandString(a.substring(a.indexOf("=") + 1)));
    if (expandFailed) return 2;
  }
  if (sh.xtrace) trace(n.assigns, values, argv);
  if (argv.length == 0) return assignOnly(n, values);
  const name = argv[0];
  if (isSpecialBuiltin(name)) return specialBuiltin(n, values, argv);
  if (functions.has(name)) return callFunction(n, values, argv);
  if (isBuiltin(name)) return regularBuiltin(n, values, argv);
  if (inChild) { execProgram(n, values, argv); return 127; }
  const pid = forkJob();
  if (pid == 0) {
    becomeChild();
    childSetup(0, true);
    execProgram(n, values, argv);
  }
  if (pid < 0) { err("fork: " + strerror(<i32>-pid)); return 2; }
  parentSetup(<i32>pid, <i32>pid);
  return waitJob([<i32>pid], <i32>pid, n.text);
}

function trace(assigns: string[], values: string[], argv: string[]): void {
  const ps4 = getVar("PS4");
  let s = ps4 === null ? "+ " : ps4;
  const parts = new Array<string>();
  for (let i = 0; i < assigns.length; i++) parts.push(assigns[i].substring(0, assigns[i].indexOf("=") + 1) + values[i]);
  for (let i = 0; i < argv.length; i++) parts.push(argv[i]);
  eprint(s + parts.join(" ") + "\n");
}

function setAssigns(n: Node, values: string[]): bool {
  for (let i = 0; i < n.assigns.length; i++) {
    const a = n.assigns[i];
    if (!setVar(a.substring(0, a.indexOf("=")), values[i])) {
      sh.status = 2;
      if (!sh.interactive || sh.subshell) exitShell(2);
      sh.aborted = true;
      return false;
    }
  }
  return true;
}

function assignOnly(n: Node, values: string[]): i32 {
  if (!setAssigns(n, values)) return 2;
  const saved = new Array<i32>();
  const ok = redirect(n.redirs, saved);
  restore(saved);
  if (!ok) return 2;
  return substStatus >= 0 ? substStatus : 0;
}

function specialBuiltin(n: Node, values: string[], argv: string[]): i32 {
  if (!setAssigns(n, values)) return 2;
  const keep = argv[0] == "exec" && argv.length == 1;
  const saved = new Array<i32>();
  if (!redirect(n.redirs, saved)) {
    restore(saved);
    if (!sh.interactive || sh.subshell) exitShell(2);
    return 2;
  }
  const st = runBuiltin(argv);
  if (!keep) restore(saved); else dropSaved(saved);
  return st;
}

/** Variable assignments before a regular built-in or function last only for it. */
function tempAssigns(n: Node, values: string[]): string[] {
  const old = new Array<string>();
  for (let i = 0; i < n.assigns.length; i++) {
    const a = n.assigns[i];
    const name = a.substring(0, a.indexOf("="));
    const v = getVar(name);
    old.push(v === null ? "\u0000" : v);
    setVar(name, values[i]);
  }
  return old;
}

function undoAssigns(n: Node, old: string[]): void {
  for (let i = 0; i < n.assigns.length; i++) {
    const a = n.assigns[i];
    const name = a.substring(0, a.indexOf("="));
    if (old[i] == "\u0000") unsetVar(name); else setVar(name, old[i]);
  }
}

function regularBuiltin(n: Node, values: string[], argv: string[]): i32 {
  const saved = new Array<i32>();
  if (!redirect(n.redirs, saved)) { restore(saved); return 2; }
  const old = tempAssigns(n, values);
  const st = runBuiltin(argv);
  undoAssigns(n, old);
  restore(saved);
  return st;
}

function callFunction(n: Node, values: string[], argv: string[]): i32 {
  const saved = new Array<i32>();
  if (!redirect(n.redirs, saved)) { restore(saved); return 2; }
  const old = tempAssigns(n, values);
  const st = invokeFunction(argv[0], argv.slice(1));
  undoAssigns(n, old);
  restore(saved);
  return st;
}

export function hasFunction(name: string): bool { return functions.has(name); }
export function removeFunction(name: string): void { functions.delete(name); }

export function invokeFunction(name: string, args: string[]): i32 {
  const body = functions.get(name);
  const savedParams = sh.params;
  sh.params = args;
  sh.funcDepth++;
  pushLocals();
  const savedLoops = sh.loopDepth;
  sh.loopDepth = 0;
  let st = execNode(body);
  if (sh.returning) { sh.returning = false; st = sh.status; }
  sh.loopDepth = savedLoops;
  popLocals();
  sh.funcDepth--;
  sh.params = savedParams;
  return st;
}

/** Become the program (exported variables plus the command's assignments); never returns. */
export function execProgram(n: Node | null, values: string[], argv: string[]): void {
  if (n) {
    for (let i = 0; i < n.assigns.length; i++) {
      const a = n.assigns[i];
      const name = a.substring(0, a.indexOf("="));
      setVar(name, values[i]);
      exportVar(name);
    }
    const saved = new Array<i32>();
    if (!redirect(n.redirs, saved)) exit_group(2);
  }
  const name = argv[0];
  const env = environ();
  if (name.includes("/")) {
    const r = execv(name, argv, env);
    execFailed(name, argv, r);
  }
  const path = getVar("PATH");
  const dirs = (path === null ? "" : path).split(":");
  let denied = false;
  for (let i = 0; i < dirs.length; i++) {
    const full = (dirs[i].length == 0 ? "." : dirs[i]) + "/" + name;
    const r = execv(full, argv, env);
    if (r == -Errno.ENOEXEC) runScriptFile(full, argv);
    if (r == -Errno.EACCES) denied = true;
  }
  if (denied) { err(name + ": Permission denied"); exit_group(126); }
  err(name + ": not found");
  exit_group(127);
}

function execFailed(name: string, argv: string[], r: i64): void {
  if (r == -Errno.ENOENT || r == -Errno.ENOTDIR) { err(name + ": not found"); exit_group(127); }
  if (r == -Errno.ENOEXEC) runScriptFile(name, argv);
  if (r == -Errno.EISDIR || r == -Errno.EACCES) { err(name + ": Permission denied"); exit_group(126); }
  err(name + ": " + strerror(<i32>-r));
  exit_group(126);
}

/** A file that is not a program: run it as a shell script in this process. */
function runScriptFile(path: string, argv: string[]): void {
  if (stat(path, statBuf) == 0 && S_ISDIR(load<u32>(statBuf + ST_MODE))) { err(path + ": Permission denied"); exit_group(126); }
  const text = readFile(path);
  if (text === null) { err(path + ": Permission denied"); exit_group(126); }
  functions.clear();
  sh.arg0 = argv[0];
  sh.params = argv.slice(1);
  sh.line = 1;
  exitShell(runSource(new Source(text!)));
}

export function readFile(path: string): string | null {
  const fd = open(path, O_RDONLY | O_CLOEXEC);
  if (fd < 0) return null;
  const s = readAll(<i32>fd);
  close(<i32>fd);
  return s;
}

/** The path PATH gives for name ("" if none); a name with '/' is itself. */
export function findCommand(name: string): string {
  if (name.includes("/")) return access(name, X_OK) == 0 ? name : "";
  const path = getVar("PATH");
  const dirs = (path === null ? "" : path).split(":");
  for (let i = 0; i < dirs.length; i++) {
    const full = (dirs[i].length == 0 ? "." : dirs[i]) + "/" + name;
    if (access(full, X_OK) == 0 && !(stat(full, statBuf) == 0 && S_ISDIR(load<u32>(statBuf + ST_MODE)))) return full;
  }
  return "";
}

// ---- redirections ----

/** Make `from` the descriptor `to` (kept across execve), closing `from`. */
function moveFd(from: i32, to: i32): void {
  if (from == to) { fcntl(to, F_SETFD, 0); return; }
  dup3(from, to, 0);
  close(from);
}

/** Apply redirections in order; saved receives (fd, copy) pairs for restore(). False after an error. */
export function redirect(rs: Redir[], saved: i32[]): bool {
  for (let i = 0; i < rs.length; i++) {
    const r = rs[i];
    const src = openTarget(r);
    if (src == -2) return false;
    saveFd(r.fd, saved);
    if (src == -1) close(r.fd);
    else if (r.op == R.DUPIN || r.op == R.DUPOUT) { if (src != r.fd) dup3(src, r.fd, 0); }
    else moveFd(src, r.fd);
  }
  return true;
}

function saveFd(fd: i32, saved: i32[]): void {
  for (let i = 0; i < saved.length; i += 2) if (saved[i] == fd) return;
  saved.push(fd);
  saved.push(fcntl(fd, F_GETFD) < 0 ? -1 : <i32>fcntl(fd, F_DUPFD_CLOEXEC, SAVE_FD));
}

/** Put saved fds back, newest first. */
export function restore(saved: i32[]): void {
  for (let i = saved.length - 2; i >= 0; i -= 2) {
    if (saved[i + 1] >= 0) moveFd(saved[i + 1], saved[i]); else close(saved[i]);
  }
  saved.length = 0;
}

function dropSaved(saved: i32[]): void {
  for (let i = 1; i < saved.length; i += 2) if (saved[i] >= 0) close(saved[i]);
  saved.length = 0;
}

/** The fd a redirection installs (-1: close the target fd; -2: failed, reported). */
function openTarget(r: Redir): i32 {
  if (r.op == R.HEREDOC) return heredocFd(r);
  const target = expandString(r.target);
  if (expandFailed) return -2;
  if (r.op == R.DUPIN || r.op == R.DUPOUT) {
    if (target == "-") return -1;
    const fd = I32.parseInt(target);
    if (!isDigits(target)) { fatal("Syntax error: Bad fd number"); return -2; }
    if (fcntl(fd, F_GETFD) < 0) { err(target + ": Bad file descriptor"); return -2; }
    return fd;
  }
  let flags = O_RDONLY;
  if (r.op == R.OUT) flags = O_WRONLY | O_CREAT | O_TRUNC;
  else if (r.op == R.APPEND) flags = O_WRONLY | O_CREAT | O_APPEND;
  else if (r.op == R.RDWR) flags = O_RDWR | O_CREAT;
  const fd = open(target, flags | O_CLOEXEC, 0o666);
  if (fd >= 0) return <i32>fd;
  const reading = r.op == R.IN;
  err((reading ? "cannot open " : "cannot create ") + target + ": " + openError(<i32>-fd, reading));
  return -2;
}

function isDigits(s: string): bool {
  if (s.length == 0) return false;
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) < 0x30 || s.charCodeAt(i) > 0x39) return false;
  return true;
}

/** dash's wording for a failed open. */
export function openError(e: i32, reading: bool): string {
  if (e == Errno.ENOENT) return reading ? "No such file" : "Directory nonexistent";
  return strerror(e);
}

const writers = new Array<i32>();       // here-document feeders not yet reaped

// Reap the here-document feeders that have finished.
function reapWriters(): void {
  for (let i = writers.length - 1; i >= 0; i--) {
    if (waitpid(writers[i], wst, WNOHANG) != 0) writers.splice(i, 1);
  }
}

function heredocFd(r: Redir): i32 {
  reapWriters();
  const text = r.quoted ? r.body : expandHeredoc(r.body);
  if (expandFailed) return -2;
  const p = pipe2(fds, O_CLOEXEC);
  if (p < 0) { err("pipe: " + strerror(<i32>-p)); return -2; }
  const rd = load<i32>(fds), wr = load<i32>(fds + 4);
  if (String.UTF8.byteLength(text) <= PIPE_SIZE) {
    writeString(wr, text);
    close(wr);
    return rd;
  }
  const pid = fork();
  if (pid == 0) { close(rd); writeString(wr, text); exit_group(0); }
  if (pid > 0) writers.push(<i32>pid);
  close(wr);
  return rd;
}
