// Traps: `trap ACTION SIGNAL...`. EXIT runs its action when the shell exits; for a signal an empty
// action ignores it (SIG_IGN) and `-` restores the default. A guest cannot run a handler yet, so a
// command for a real signal is remembered (and listed) but only ignoring and defaults take effect.
//
// Interface: trapCmd(args) -> status; takeExitTrap() -> the EXIT action ("" if none), cleared;
// resetTraps() (a subshell forgets the actions that are not "ignore").
import { sigignore, sigdefault, print } from "../../sdk";
import { err } from "./vars";

const SIGNAL_NAMES = ["EXIT", "HUP", "INT", "QUIT", "ILL", "TRAP", "ABRT", "BUS", "FPE", "KILL", "USR1",
  "SEGV", "USR2", "PIPE", "ALRM", "TERM", "STKFLT", "CHLD", "CONT", "STOP", "TSTP", "TTIN", "TTOU"];
const actions = new Map<i32, string>();

function signalNumber(name: string): i32 {
  if (name.length > 0 && name.charCodeAt(0) >= 0x30 && name.charCodeAt(0) <= 0x39) {
    const n = I32.parseInt(name);
    return n < SIGNAL_NAMES.length ? n : -1;
  }
  const up = name.toUpperCase();
  const bare = up.startsWith("SIG") ? up.substring(3) : up;
  return SIGNAL_NAMES.indexOf(bare);
}

export function trapCmd(args: string[]): i32 {
  if (args.length == 0) {
    const keys = actions.keys();
    for (let i = 0; i < keys.length; i++) {
      print("trap -- '" + actions.get(keys[i]) + "' " + SIGNAL_NAMES[keys[i]] + "\n");
    }
    return 0;
  }
  let action = args[0];
  let first = 1;
  if (signalNumber(action) >= 0 && args.length == 1) { action = "-"; first = 0; }
  let st = 0;
  for (let i = first; i < args.length; i++) {
    const sig = signalNumber(args[i]);
    if (sig < 0) { err("trap: " + args[i] + ": bad trap"); st = 1; continue; }
    if (action == "-") { actions.delete(sig); if (sig > 0) sigdefault(sig); continue; }
    actions.set(sig, action);
    if (sig > 0 && action.length == 0) sigignore(sig);
  }
  return st;
}

export function takeExitTrap(): string {
  if (!actions.has(0)) return "";
  const a = actions.get(0);
  actions.delete(0);
  return a;
}

export function resetTraps(): void {
  const keys = actions.keys();
  for (let i = 0; i < keys.length; i++) if (actions.get(keys[i]).length > 0) actions.delete(keys[i]);
}
