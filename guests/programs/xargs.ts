// xargs: build command lines from the items on standard input and run them (COMMAND is found in
// $PATH, /bin without one; echo by default), each with fork, execve and wait4. Items are separated
// by blanks and newlines, with '...', "..." and \ quoting (GNU's default); -0 or -d DELIM: by one
// byte and nothing else; -I R: one command per input line, R in the arguments replaced by the line.
//   -n N  at most N items a command        -t  print each command line on stderr first
//   -L N  at most N nonblank input lines a command (a line ending in a blank goes on to the next)
//   -r    run nothing when there are no items (GNU runs COMMAND once)
// Exit status as GNU xargs: 0; 123 if a command exited 1-125; 124 (stops) if one exited 255;
// 125 if one was killed by a signal; 126 if COMMAND cannot be run, 127 if it is not found.
// Usage: xargs [-0rt] [-d DELIM] [-n N] [-L N] [-I R] [COMMAND [INITIAL-ARGS]...]
import { Tool, Slurp, env, getenv, fork, execv, waitpid, pipe2, read, write, close, exit_group, strerror, writeString,
  parseInteger, Errno, O_CLOEXEC, ARG_MAX, WIFSIGNALED, WTERMSIG, WEXITSTATUS } from "../sdk";

const tool = new Tool("xargs", "+0d:n:L:I:tr", "xargs [OPTION]... [COMMAND [INITIAL-ARGS]...]\n" +
  "Run COMMAND with arguments INITIAL-ARGS and more arguments read from input.\n" +
  "  -0        items are separated by a null, not whitespace\n  -d DELIM  items are separated by DELIM\n" +
  "  -I R      replace R in INITIAL-ARGS with names read from standard input (one line each)\n" +
  "  -L N      use at most N nonblank input lines per command line\n  -n N      use at most N arguments per command line\n  -r        if there are no arguments, do not run COMMAND\n" +
  "  -t        print commands before executing them\n").parse();
const ARG_ROOM = ARG_MAX - 2048;           // the argument block, less a margin for the environment's pointers
const BLANK = 0x20, TAB = 0x09, NL = 0x0a, BACKSLASH = 0x5c, SQUOTE = 0x27, DQUOTE = 0x22;

/** The byte -d names: one character, or an escape (\n \t \0 \\ \xHH \NNN); -1 if it is neither. */
function delimiter(s: string): i32 {
  if (s.length == 1) return s.charCodeAt(0);
  if (s.length < 2 || s.charCodeAt(0) != BACKSLASH) return -1;
  const c = s.charAt(1), rest = s.substring(2);
  if (s.length == 2 && c == "n") return NL;
  if (s.length == 2 && c == "t") return TAB;
  if (s.length == 2 && c == "\\") return BACKSLASH;
  if (c == "x") { const v = parseInteger("0x" + rest, -1); return rest.length > 0 && v < 256 ? <i32>v : -1; }
  let v = 0;
  for (let i = 1; i < s.length; i++) { const d = s.charCodeAt(i) - 0x30; if (d < 0 || d > 7) return -1; v = v * 8 + d; }
  return v < 256 ? v : -1;
}

/** A positive count for -c (n or L); exits as GNU does otherwise. */
function count(c: string): i32 {
  const s = tool.value(c);
  const v = parseInteger(s, -1);
  if (v < 0 || s.length == 0) tool.die("invalid number \"" + s + "\" for -" + c + " option\nTry 'xargs --help' for more information.");
  if (v == 0) tool.die("value 0 for -" + c + " option should be >= 1\nTry 'xargs --help' for more information.");
  return <i32>v;
}

const ends: bool[] = [];             // per item: it ends an input line (for -L)

// The items of the input, split by one byte (-0, -d): no quoting, an empty item between two delimiters.
function splitBy(inp: Slurp, delim: i32, items: string[]): void {
  let start: usize = 0;
  for (let i: usize = 0; i < inp.len; i++) {
    if (load<u8>(inp.data + i) != <u8>delim) continue;
    items.push(String.UTF8.decodeUnsafe(inp.data + start, i - start)); ends.push(true); start = i + 1;
  }
  if (start < inp.len) { items.push(String.UTF8.decodeUnsafe(inp.data + start, inp.len - start)); ends.push(true); }
}

// The items of the input with GNU's quoting: blanks separate (with lines: only newlines, and blanks
// opening a line are skipped); false (after a message) on an unmatched quote.
function splitQuoted(inp: Slurp, lines: bool, items: string[]): bool {
  const buf = heap.alloc(inp.len + 1);
  let n: usize = 0, have = false;
  for (let i: usize = 0; i < inp.len; i++) {
    const b = load<u8>(inp.data + i);
    const sep = b == NL || (!lines && (b == BLANK || b == TAB));
    if (sep || (lines && !have && (b == BLANK || b == TAB))) {
      if (have) { items.push(String.UTF8.decodeUnsafe(buf, n)); ends.push(b == NL); }
      n = 0; have = false; continue;
    }
    have = true;
    if (b == BACKSLASH && i + 1 < inp.len) { store<u8>(buf + n++, load<u8>(inp.data + ++i)); continue; }
    if (b != SQUOTE && b != DQUOTE) { store<u8>(buf + n++, b); continue; }
    let j = i + 1;
    while (j < inp.len && load<u8>(inp.data + j) != b && load<u8>(inp.data + j) != NL) store<u8>(buf + n++, load<u8>(inp.data + j++));
    if (j >= inp.len || load<u8>(inp.data + j) != b) {
      tool.warn("unmatched " + (b == SQUOTE ? "single" : "double") + " quote; by default quotes are special to xargs unless you use the -0 option");
      return false;
    }
    i = j;
  }
  if (have) { items.push(String.UTF8.decodeUnsafe(buf, n)); ends.push(true); }
  return true;
}

/** An argument as the shell would need it (-t): quoted when it holds anything but safe characters. */
function quoted(a: string): string {
  let safe = a.length > 0;
  for (let i = 0; i < a.length && safe; i++) {
    const c = a.charCodeAt(i);
    safe = (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39) || "_./,:=+@%^-".includes(a.charAt(i));
  }
  return safe ? a : "'" + replaceAll(a, "'", "'\\''") + "'";
}

const fds = memory.data(8);
const word = memory.data(8);
const vars = env();

// In the child: COMMAND from $PATH (or as named, with a '/'); on failure the errno goes up the
// close-on-exec pipe, so the parent can tell "not run" from "ran and exited 127".
function child(argv: string[]): void {
  close(load<i32>(fds));
  const name = argv[0];
  let err: i64 = -Errno.ENOENT;
  if (name.includes("/")) err = execv(name, argv, vars);
  else {
    const path = getenv("PATH");
    const dirs = (path === null ? "/bin" : path).split(":");
    for (let i = 0; i < dirs.length; i++) {
      const r = execv((dirs[i] == "" ? "." : dirs[i]) + "/" + name, argv, vars);
      if (r != -Errno.ENOENT && r != -Errno.ENOTDIR) err = r;
    }
  }
  store<i32>(word, <i32>-err);
  write(load<i32>(fds + 4), word, 4);
  exit_group(127);
}

/** Run one command line and fold its outcome into the status; exits where GNU xargs stops. */
function run(argv: string[]): void {
  if (tool.has("t")) writeString(2, argv.map<string>((a) => quoted(a)).join(" ") + "\n");
  if (pipe2(fds, O_CLOEXEC) < 0) tool.die("cannot create pipe", 125);
  const pid = fork();
  if (pid < 0) { tool.fail("cannot fork", pid); exit_group(125); }
  if (pid == 0) child(argv);
  close(load<i32>(fds + 4));
  const got = read(load<i32>(fds), word, 4);
  close(load<i32>(fds));
  waitpid(<i32>pid, word + 4, 0);
  if (got == 4) {
    const e = load<i32>(word);
    tool.die(argv[0] + ": " + strerror(e), e == Errno.ENOENT ? 127 : 126);
  }
  const st = load<i32>(word + 4);
  if (WIFSIGNALED(st)) tool.die(argv[0] + ": terminated by signal " + WTERMSIG(st).toString(), 125);
  const code = WEXITSTATUS(st);
  if (code == 255) tool.die(argv[0] + ": exited with status 255; aborting", 124);
  if (code != 0) tool.status = 123;
}

/** The arguments for -I: each initial argument with every R replaced by the item. */
function replaced(initial: string[], r: string, item: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < initial.length; i++) out.push(replaceAll(initial[i], r, item));
  return out;
}

// s with each r replaced by by (AssemblyScript's String#replaceAll lost the final ">" of "<{}>"
// given a 15-character item, so xargs does its own).
function replaceAll(s: string, r: string, by: string): string {
  if (r.length == 0) return s;
  let out = "", from = 0;
  for (let at = s.indexOf(r); at >= 0; at = s.indexOf(r, from)) { out += s.substring(from, at) + by; from = at + r.length; }
  return out + s.substring(from);
}

/** Run initial + items in batches of at most max items and maxLines lines, each within the argument block. */
function runBatches(initial: string[], items: string[], max: i32, maxLines: i32): void {
  let base = 0;
  for (let k = 0; k < initial.length; k++) base += String.UTF8.byteLength(initial[k]) + 5;
  for (let i = 0; i < items.length; ) {
    const argv = initial.slice(0);
    let size = base, lines = 0;
    for (; i < items.length && argv.length - initial.length < max && lines < maxLines; i++) {
      const more = String.UTF8.byteLength(items[i]) + 5;
      if (size + more > ARG_ROOM && argv.length > initial.length) break;
      argv.push(items[i]); size += more;
      if (ends[i]) lines++;
    }
    run(argv);
  }
}

let delim = -1;
if (tool.has("d")) {
  delim = delimiter(tool.value("d"));
  if (delim < 0) tool.die("Invalid input delimiter specification " + tool.value("d") +
    ": the delimiter must be either a single character or an escape sequence starting with \\.");
}
if (tool.has("0")) delim = 0;
const max = tool.has("n") ? count("n") : i32.MAX_VALUE;
const maxLines = tool.has("L") ? count("L") : i32.MAX_VALUE;
const initial = tool.operands.length > 0 ? tool.operands : ["echo"];
const inp = new Slurp(0);
if (inp.err < 0) tool.fail("read error", inp.err);
const items: string[] = [];
const quotesOk = delim >= 0 ? (splitBy(inp, delim, items), true) : splitQuoted(inp, tool.has("I"), items);
if (tool.has("I")) for (let i = 0; i < items.length; i++) run(replaced(initial, tool.value("I"), items[i]));
else if (items.length > 0) runBatches(initial, items, max, maxLines);
else if (!tool.has("r") && quotesOk) run(initial);
if (!quotesOk) tool.status = 1;
tool.exit();
