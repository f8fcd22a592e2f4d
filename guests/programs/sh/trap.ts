// Traps: `trap ACTION CONDITION...`, `trap - CONDITION...` (default), `trap '' CONDITION...`
// (ignore), `trap N...` (numbers only: reset them), `trap` (list, as dash: `trap -- 'ACTION' NAME`).
// A trapped signal runs onTrap, which only marks it pending (and interrupts a blocking call:
// no SA_RESTART); the shell runs the pending actions between commands (runTraps, called after
// each command as dash's evaltree does), with $? kept. EXIT runs its action when the shell exits.
// An interactive shell keeps its own SIGINT handler and ignored job-control signals when a trap
// is reset (hooks from jobs.ts).
//
// Interface: trapCmd(args) -> status; runTraps() (the pending actions); pendingSignal() -> the
// lowest pending trapped signal or 0; takeExitTrap() -> the EXIT action ("" if none), cleared;
// resetTraps() in a forked child (actions other than "ignore" forgotten, their signals default);
// setResetHook(f) (jobs.ts: what `trap - SIG` restores in an interactive shell).
import { sigaction, sigignore, sigdefault, print, eprint, NSIG } from "../../sdk";
import { sh } from "./vars";
import { signalName, decodeSignal, isNumber, catchable } from "./signames";
import { runString } from "./run";

const EXIT = 0;                         // condition 0: the shell's exit
const actions = new Array<string | null>(NSIG + 1).fill(null);
let pending: u64 = 0;                   // bit n: signal n arrived, its action not run yet
let running = false;                    // inside runTraps (no nesting)
let resetHook: (sig: i32) => bool = (sig: i32): bool => false;

/** jobs.ts: restore the interactive shell's own disposition of sig; false if it has none. */
export function setResetHook(f: (sig: i32) => bool): void { resetHook = f; }

function onTrap(sig: i32): void { pending |= (<u64>1) << <u64>sig; }

export function pendingSignal(): i32 {
  for (let n = 1; n <= NSIG; n++) if ((pending >> <u64>n) & 1) return n;
  return 0;
}

/** Run the actions of the signals that arrived, lowest first; $? is kept. */
export function runTraps(): void {
  if (running) return;
  running = true;
  for (let sig = pendingSignal(); sig != 0; sig = pendingSignal()) {
    pending &= ~((<u64>1) << <u64>sig);
    const a = actions[sig];
    if (a === null || a.length == 0) continue;
    const saved = sh.status;
    runString(a);
    if (!sh.aborted) sh.status = saved;
  }
  running = false;
}

function quote(s: string): string { return "'" + s.replaceAll("'", "'\"'\"'") + "'"; }

function list(): i32 {
  for (let n = 0; n <= NSIG; n++) {
    const a = actions[n];
    if (a !== null) print("trap -- " + quote(a) + " " + signalName(n) + "\n");
  }
  return 0;
}

function setTrap(sig: i32, action: string | null): void {
  actions[sig] = action;
  if (sig == EXIT || !catchable(sig)) return;
  if (action === null) { if (!resetHook(sig)) sigdefault(sig); }
  else if (action.length == 0) sigignore(sig);
  else sigaction(sig, onTrap);
}

export function trapCmd(args: string[]): i32 {
  if (args.length == 0) return list();
  let action: string | null = null;
  let first = 0;
  if (args.length > 1 && !isNumber(args[0])) {
    first = 1;
    if (args[0] != "-") action = args[0];
  }
  for (let i = first; i < args.length; i++) {
    const sig = decodeSignal(args[i], 0);
    if (sig < 0) { eprint("trap: " + args[i] + ": bad trap\n"); return 1; }   // dash stops there
    setTrap(sig, action);
  }
  return 0;
}

export function takeExitTrap(): string {
  const a = actions[EXIT];
  actions[EXIT] = null;
  return a === null ? "" : a;
}

/** In a forked child: forget the actions (signals back to their defaults), keep the ignored ones. */
export function resetTraps(): void {
  for (let n = 0; n <= NSIG; n++) {
    const a = actions[n];
    if (a === null || a.length == 0) continue;
    actions[n] = null;
    if (n != EXIT && catchable(n)) sigdefault(n);
  }
  pending = 0;
}
