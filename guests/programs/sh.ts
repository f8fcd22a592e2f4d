// sh: a POSIX shell (the modules are in sh/: lex, parse, expand, glob, arith, run, jobs, builtins,
// test, printf, trap, vars, node). The entry point: options, then the commands of -c, of a script
// file, or of stdin.
//
// Usage: sh [-eufvx] [-i] [-c COMMAND [ARG0 [ARG...]] | FILE [ARG...] | -s [ARG...]]
//   -c: run COMMAND ($0 is ARG0, $1... the ARGs); FILE: run the script ($0 is FILE); otherwise read
//   stdin a line at a time (so programs the shell starts find their input where it stopped).
// Interactive (-i, or reading stdin with stdin and stderr terminals): the prompt is PS1, by default
// '$PWD $ ' (the working directory then "$ "), written to stderr; PS2 ("> ") for continuation lines;
// errors do not end the shell; Ctrl-C ends the foreground job (jobs.ts). At a terminal, command
// lines are read through the line editor (sh/edit.ts) and kept in the history (sh/history.ts).
// Messages and statuses are dash's: "sh: 1: foo: not found" (127), not executable 126, a syntax
// error 2, a failed redirection 2.
import { argc, arg, env, getpid, getppid, cwd, exit_group, eprint, isatty } from "../sdk";
import { sh, importEnv, getVar, setVar, exportVar } from "./sh/vars";
import { Source } from "./sh/lex";
import { runSource, exitShell, readFile } from "./sh/run";
import { initJobControl } from "./sh/jobs";
import { loadHistory } from "./sh/history";

const DEFAULT_PATH = "/bin:/usr/bin:/usr/demo";

/** A terminal: TCGETS works on it (the console when a terminal is behind it, kernel/tty.ts). */
function ttyLike(fd: i32): bool { return isatty(fd); }

function setup(): void {
  sh.pid = <i32>getpid();
  importEnv(env());
  setVar("PPID", getppid().toString());
  if (getVar("PATH") === null) setVar("PATH", DEFAULT_PATH);
  setVar("PWD", cwd());
  exportVar("PWD");
}

/** Options before the operands; returns the index of the first operand. */
function options(): i32 {
  let i = 1;
  for (; i < argc(); i++) {
    const a = arg(i);
    if (a == "--") { i++; break; }
    if (a.length < 2 || (a.charAt(0) != "-" && a.charAt(0) != "+")) break;
    const on = a.charAt(0) == "-";
    for (let k = 1; k < a.length; k++) {
      const c = a.charAt(k);
      if (c == "c") commandMode = true;
      else if (c == "i") sh.interactive = on;
      else if (c == "s") stdinMode = true;
      else if (c == "e") sh.errexit = on;
      else if (c == "u") sh.nounset = on;
      else if (c == "x") sh.xtrace = on;
      else if (c == "f") sh.noglob = on;
      else if (c == "v") sh.verbose = on;
      else { eprint("sh: 0: Illegal option -" + c + "\n"); exit_group(2); }
    }
  }
  return i;
}

let commandMode = false;
let stdinMode = false;

function rest(from: i32): string[] {
  const out = new Array<string>();
  for (let i = from; i < argc(); i++) out.push(arg(i));
  return out;
}

setup();
sh.arg0 = arg(0, "sh");
const first = options();
if (commandMode) {
  if (first >= argc()) { eprint("sh: 0: -c requires an argument\n"); exit_group(2); }
  if (first + 1 < argc()) sh.arg0 = arg(first + 1);
  sh.params = rest(first + 2);
  exitShell(runSource(new Source(arg(first))));
}
if (!stdinMode && first < argc()) {
  const path = arg(first);
  sh.arg0 = path;
  sh.params = rest(first + 1);
  const text = readFile(path);
  if (text === null) { eprint("sh: 0: cannot open " + path + ": No such file\n"); exit_group(127); }
  exitShell(runSource(new Source(text!)));
}
sh.params = rest(first);
if (ttyLike(0) && ttyLike(2)) sh.interactive = true;
initJobControl();
const input = new Source("", 0);
input.editing = sh.interactive && ttyLike(0);
if (input.editing) loadHistory();
const status = runSource(input);
if (sh.interactive && input.eof) eprint("\n");   // end of input ends the prompt's line (dash)
exitShell(status);
