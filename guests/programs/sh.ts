// sh: a small shell. Runs the commands of `-c CMD`, of FILE, or of stdin line by line (prompting
// "$ " on stderr before each line, as sh writes PS1). A command line is pipelines separated by ';'
// or newlines; a pipeline is commands separated by '|', each in its own process (pipe2, fork, dup3,
// execve), the shell closing its pipe ends and waiting for all of them. A command is words and
// redirections `< FILE`, `> FILE`, `>> FILE` (an fd digit may come first: `2> FILE`), applied after
// the pipe's. Words are quoted with '...' (literal) or "..." (where $?, \" \\ and \$ are expanded);
// `$?` is the status of the last pipeline: its last command's exit code, or 128+N for signal N.
// A word without '/' names /bin/WORD. Built-ins: cd [DIR], pwd, echo [WORD...], exit [N]. '#' at
// the start of a word begins a comment.
// Exit status: the last command's; a command not found is 127 ("sh: NAME: not found"), one that
// cannot be run 126, a failed redirection 1, a syntax error 2.
// Job control, when stdin is a terminal: each pipeline runs in a process group of its own, the
// terminal's foreground group while it runs (Ctrl-C signals it, not the shell); at the prompt the
// shell reads with ISIG off and the INTR character as a line end, so Ctrl-C there drops the line
// and gives a new prompt.
// Usage: sh [-c CMD | FILE]
import {
  isatty, tcgetattr, tcsetattr, tcsetpgrp, setpgid, getpgid, TCSETS, TERMIOS_SIZE, C_LFLAG, C_CC, ISIG, VEOL,
  VINTR, Sig,
  argc, arg, env, open, read, close, fork, execv, waitpid, pipe2, dup3, fcntl, chdirTo, cwd,
  print, eprint, exit_group, errnoName, parseInteger, Errno,
  O_RDONLY, O_WRONLY, O_CREAT, O_TRUNC, O_APPEND, O_CLOEXEC, F_SETFD, F_DUPFD_CLOEXEC,
  WIFEXITED, WEXITSTATUS, WTERMSIG,
} from "../sdk";

// Tokens
const T_WORD = 0, T_PIPE = 1, T_SEMI = 2, T_IN = 3, T_OUT = 4, T_APPEND = 5;
const STATUS_MARK = "\uE000";       // where an unquoted or double-quoted $? stood in a word
const SAVE_FD = 10;                 // built-ins keep the shell's own fds at 10 and up

class Tok { constructor(public kind: i32, public text: string = "", public fd: i32 = -1) {} }
class Redir { constructor(public fd: i32, public kind: i32, public path: string) {} }
class Cmd { argv: string[] = []; redirs: Redir[] = []; }

const fds = memory.data(8);
const wst = memory.data(4);
const byte = memory.data(1);
const LINE = 4096;
const lineBuf = memory.data(LINE);
let last = 0;                       // $?
let jobControl = false;             // stdin is a terminal: pipelines get process groups
let shellPgid: i32 = 0;
let jobPgid: i32 = 0;               // the group of the pipeline being started (0: the first child's own)
let cancelled = false;              // the line read ended with Ctrl-C
const ttySaved = memory.data(TERMIOS_SIZE);    // the terminal's settings, for the programs we run
const ttyPrompt = memory.data(TERMIOS_SIZE);   // ... and the prompt's: ISIG off, INTR ends the line
let syntax = "";                    // the last syntax error

// ---- lexing ----

// @ts-ignore: decorator
@inline function isBlank(c: i32): bool { return c == 0x20 || c == 0x09 || c == 0x0d; }
// @ts-ignore: decorator
@inline function isOp(c: i32): bool { return c == 0x0a || c == 0x3b || c == 0x7c || c == 0x3c || c == 0x3e; }

/** The tokens of s, or null (syntax set) for an unterminated quote. */
function lex(s: string): Tok[] | null {
  const out = new Array<Tok>();
  let i = 0;
  while (i < s.length) {
    const c = s.charCodeAt(i);
    if (isBlank(c)) { i++; continue; }
    if (c == 0x23) { while (i < s.length && s.charCodeAt(i) != 0x0a) i++; continue; }     // # comment
    if (c == 0x0a || c == 0x3b) { out.push(new Tok(T_SEMI)); i++; continue; }
    if (c == 0x7c) { out.push(new Tok(T_PIPE)); i++; continue; }
    if (c == 0x3c || c == 0x3e) { i = lexRedir(s, i, -1, out); continue; }
    const start = i;
    let w = "";
    let quoted = false;
    while (i < s.length) {
      const d = s.charCodeAt(i);
      if (isBlank(d) || isOp(d)) break;
      if (d == 0x27) {                                            // '...'
        const e = s.indexOf("'", i + 1);
        if (e < 0) { syntax = "unterminated quote"; return null; }
        w += s.substring(i + 1, e); i = e + 1; quoted = true;
      } else if (d == 0x22) {                                     // "..."
        const e = lexDouble(s, i + 1);
        if (e < 0) { syntax = "unterminated quote"; return null; }
        w += dq; i = e + 1; quoted = true;
      } else if (d == 0x5c && i + 1 < s.length) { w += s.charAt(i + 1); i += 2; quoted = true; }
      else if (d == 0x24 && i + 1 < s.length && s.charCodeAt(i + 1) == 0x3f) { w += STATUS_MARK; i += 2; }
      else { w += s.charAt(i); i++; }
    }
    const c2 = i < s.length ? s.charCodeAt(i) : 0;
    if (!quoted && i - start == 1 && c >= 0x30 && c <= 0x39 && (c2 == 0x3c || c2 == 0x3e)) {
      i = lexRedir(s, i, c - 0x30, out);                          // 2> FILE
      continue;
    }
    out.push(new Tok(T_WORD, w));
  }
  return out;
}

let dq = "";   // the text of the last double-quoted part

/** Scan a "..." body from i; sets dq, returns the index of the closing quote or -1. */
function lexDouble(s: string, i: i32): i32 {
  dq = "";
  while (i < s.length) {
    const d = s.charCodeAt(i);
    if (d == 0x22) return i;
    if (d == 0x5c && i + 1 < s.length) {
      const e = s.charCodeAt(i + 1);
      if (e == 0x22 || e == 0x5c || e == 0x24) { dq += s.charAt(i + 1); i += 2; continue; }
    }
    if (d == 0x24 && i + 1 < s.length && s.charCodeAt(i + 1) == 0x3f) { dq += STATUS_MARK; i += 2; continue; }
    dq += s.charAt(i); i++;
  }
  return -1;
}

/** `<`, `>` or `>>` at s[i] for fd (-1: the default); returns the index after it. */
function lexRedir(s: string, i: i32, fd: i32, out: Tok[]): i32 {
  if (s.charCodeAt(i) == 0x3c) { out.push(new Tok(T_IN, "", fd < 0 ? 0 : fd)); return i + 1; }
  if (i + 1 < s.length && s.charCodeAt(i + 1) == 0x3e) { out.push(new Tok(T_APPEND, "", fd < 0 ? 1 : fd)); return i + 2; }
  out.push(new Tok(T_OUT, "", fd < 0 ? 1 : fd));
  return i + 1;
}

// ---- parsing ----

const OP_NAMES = ["word", "|", ";", "<", ">", ">>"];

/** Pipelines of commands, or null (syntax set) when an operator is misplaced. */
function parse(toks: Tok[]): Cmd[][] | null {
  const out = new Array<Cmd[]>();
  let pipe = new Array<Cmd>();
  let cmd = new Cmd();
  for (let i = 0; i <= toks.length; i++) {
    const k = i < toks.length ? toks[i].kind : T_SEMI;
    if (k == T_WORD) { cmd.argv.push(toks[i].text); continue; }
    if (k == T_IN || k == T_OUT || k == T_APPEND) {
      if (i + 1 >= toks.length || toks[i + 1].kind != T_WORD) { syntax = "no file after " + OP_NAMES[k]; return null; }
      cmd.redirs.push(new Redir(toks[i].fd, k, toks[++i].text));
      continue;
    }
    const empty = cmd.argv.length == 0 && cmd.redirs.length == 0;
    if (k == T_PIPE && empty) { syntax = "unexpected |"; return null; }
    if (k == T_SEMI && empty) {
      if (pipe.length > 0) { syntax = "unexpected end after |"; return null; }
      continue;
    }
    pipe.push(cmd);
    cmd = new Cmd();
    if (k == T_SEMI) { out.push(pipe); pipe = new Array<Cmd>(); }
  }
  return out;
}

// ---- running ----

function expand(w: string): string { return w.includes(STATUS_MARK) ? w.replaceAll(STATUS_MARK, last.toString()) : w; }

function isBuiltin(name: string): bool { return name == "cd" || name == "pwd" || name == "echo" || name == "exit"; }

/** Make `from` the descriptor `to` (kept across execve), closing `from`. */
function moveFd(from: i32, to: i32): void {
  if (from == to) { fcntl(to, F_SETFD, 0); return; }
  dup3(from, to, 0);
  close(from);
}

/** Open and install each redirection; false after reporting the first that fails. */
function redirect(rs: Redir[]): bool {
  for (let i = 0; i < rs.length; i++) {
    const r = rs[i];
    const flags = r.kind == T_IN ? O_RDONLY : O_WRONLY | O_CREAT | (r.kind == T_APPEND ? O_APPEND : O_TRUNC);
    const fd = open(r.path, flags | O_CLOEXEC, 0o644);
    if (fd < 0) { eprint("sh: " + r.path + ": " + errnoName(<i32>-fd) + "\n"); return false; }
    moveFd(<i32>fd, r.fd);
  }
  return true;
}

function builtin(argv: string[]): i32 {
  const name = argv[0];
  if (name == "echo") { print(argv.slice(1).join(" ") + "\n"); return 0; }
  if (name == "pwd") { print(cwd() + "\n"); return 0; }
  if (name == "cd") {
    const dir = argv.length > 1 ? argv[1] : "/";
    const r = chdirTo(dir);
    if (r < 0) { eprint("sh: cd: " + dir + ": " + errnoName(<i32>-r) + "\n"); return 1; }
    return 0;
  }
  let code: i64 = last;                                           // exit [N]
  if (argv.length > 1) code = parseInteger(argv[1], -1);
  if (code < 0) { eprint("sh: exit: Illegal number: " + argv[1] + "\n"); code = 2; }
  exit_group(<i32>(code & 0xff));
  return 0;
}

/** A lone built-in (or bare redirections) in the shell itself; its fds are put back afterwards. */
function runHere(c: Cmd): i32 {
  const saved = new Array<i32>(c.redirs.length);
  for (let i = 0; i < c.redirs.length; i++) saved[i] = <i32>fcntl(c.redirs[i].fd, F_DUPFD_CLOEXEC, SAVE_FD);
  let status = 1;
  if (redirect(c.redirs)) status = c.argv.length > 0 ? builtin(c.argv) : 0;
  for (let i = c.redirs.length - 1; i >= 0; i--) {
    if (saved[i] >= 0) moveFd(saved[i], c.redirs[i].fd); else close(c.redirs[i].fd);
  }
  return status;
}

/** In a forked child: wire stdin/stdout, redirect, then become the program. Never returns. */
function child(c: Cmd, input: i32, output: i32): void {
  if (jobControl) setpgid(0, jobPgid);
  if (input >= 0) moveFd(input, 0);
  if (output >= 0) moveFd(output, 1);
  if (!redirect(c.redirs)) exit_group(1);
  if (c.argv.length == 0) exit_group(0);
  const name = c.argv[0];
  if (isBuiltin(name)) exit_group(builtin(c.argv));
  const r = execv(name.includes("/") ? name : "/bin/" + name, c.argv, env());
  if (r == -Errno.ENOENT) { eprint("sh: " + name + ": not found\n"); exit_group(127); }
  eprint("sh: " + name + ": " + errnoName(<i32>-r) + "\n");
  exit_group(126);
}

function waitStatus(s: i32): i32 { return WIFEXITED(s) ? WEXITSTATUS(s) : 128 + WTERMSIG(s); }

/** Run one pipeline; its status is the last command's. */
function runPipeline(cmds: Cmd[]): i32 {
  for (let k = 0; k < cmds.length; k++) {
    const a = cmds[k].argv;
    for (let j = 0; j < a.length; j++) a[j] = expand(a[j]);
    for (let j = 0; j < cmds[k].redirs.length; j++) cmds[k].redirs[j].path = expand(cmds[k].redirs[j].path);
  }
  if (cmds.length == 1 && (cmds[0].argv.length == 0 || isBuiltin(cmds[0].argv[0]))) return runHere(cmds[0]);
  const pids = new Array<i32>();
  jobPgid = 0;
  let prev = -1;
  for (let k = 0; k < cmds.length; k++) {
    let rd = -1, wr = -1;
    if (k + 1 < cmds.length) {
      const r = pipe2(fds, O_CLOEXEC);
      if (r < 0) { eprint("sh: pipe: " + errnoName(<i32>-r) + "\n"); break; }
      rd = load<i32>(fds); wr = load<i32>(fds + 4);
    }
    const pid = fork();
    if (pid == 0) child(cmds[k], prev, wr);
    if (pid < 0) { eprint("sh: fork: " + errnoName(<i32>-pid) + "\n"); if (rd >= 0) { close(rd); close(wr); } break; }
    pids.push(<i32>pid);
    if (jobControl) joinJob(<i32>pid, k == 0);
    if (prev >= 0) close(prev);
    if (wr >= 0) close(wr);
    prev = rd;
  }
  if (prev >= 0) close(prev);
  let status = 0;
  for (let k = 0; k < pids.length; k++) {
    store<i32>(wst, 0);
    waitpid(pids[k], wst, 0);
    status = waitStatus(load<i32>(wst));
  }
  if (jobControl) { tcsetpgrp(0, shellPgid); if (status == 128 + Sig.SIGINT) eprint("\n"); }
  return pids.length == cmds.length ? status : 1;
}

/** The parent's half of putting a pipeline's process `pid` in its group (the first one names it). */
function joinJob(pid: i32, first: bool): void {
  if (first) jobPgid = pid;
  setpgid(pid, jobPgid);
  if (first) tcsetpgrp(0, jobPgid);
}

/** Stdin is a terminal: keep its settings and make the prompt's. */
function jobsInit(): void {
  if (!isatty(0) || tcgetattr(0, ttySaved) < 0) return;
  jobControl = true;
  shellPgid = <i32>getpgid(0);
  memory.copy(ttyPrompt, ttySaved, TERMIOS_SIZE);
  store<u32>(ttyPrompt + C_LFLAG, load<u32>(ttySaved + C_LFLAG) & ~ISIG);
  store<u8>(ttyPrompt + C_CC + VEOL, load<u8>(ttySaved + C_CC + VINTR));
}

/** Lex, parse and run a piece of script. */
function runText(s: string): void {
  const toks = lex(s);
  const prog = toks ? parse(toks) : null;
  if (!prog) { eprint("sh: syntax error: " + syntax + "\n"); last = 2; return; }
  for (let i = 0; i < prog.length; i++) last = runPipeline(prog[i]);
}

/** The next line of fd, without its newline, read a byte at a time so that the programs we start
 *  find their input where we stopped; null at end of file. */
function readLine(fd: i32): string | null {
  let s = "";
  let n = 0;
  let any = false;
  for (;;) {
    const r = read(fd, byte, 1);
    if (r <= 0) break;
    any = true;
    const c = load<u8>(byte);
    if (c == 0x0a) break;
    if (jobControl && c == load<u8>(ttySaved + C_CC + VINTR)) { cancelled = true; break; }
    store<u8>(lineBuf + n++, c);
    if (n == LINE) { s += String.UTF8.decodeUnsafe(lineBuf, n); n = 0; }
  }
  if (!any) return null;
  return s + String.UTF8.decodeUnsafe(lineBuf, n);
}

if (argc() > 1 && arg(1) == "-c") {
  if (argc() < 3) { eprint("sh: -c requires an argument\n"); exit_group(2); }
  runText(arg(2));
  exit_group(last);
}
let input = 0;
if (argc() > 1) {
  const fd = open(arg(1), O_RDONLY | O_CLOEXEC);
  if (fd < 0) { eprint("sh: " + arg(1) + ": " + errnoName(<i32>-fd) + "\n"); exit_group(127); }
  input = <i32>fd;
}
if (input == 0) jobsInit();
for (;;) {
  if (input == 0) eprint("$ ");
  if (jobControl) tcsetattr(0, TCSETS, ttyPrompt);
  cancelled = false;
  const line = readLine(input);
  if (jobControl) tcsetattr(0, TCSETS, ttySaved);
  if (cancelled) { eprint("\n"); continue; }
  if (line === null) break;
  runText(line);
}
exit_group(last);
