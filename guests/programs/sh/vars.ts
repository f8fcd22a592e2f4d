// Shell state: variables (with their export and readonly marks), positional parameters, the special
// parameters ($?, $$, $!, $0), options (set -e -u -x -f) and function-local saves.
//
// Interface:
//   sh                          the one Shell record: status ($?), pid ($$), lastBg ($!), arg0 ($0),
//                               params ($1..), options, interactive, line (for messages)
//   getVar(name) -> string|null setVar(name, value) -> bool (false: readonly, reported)
//   unsetVar(name) -> bool      exportVar(name) readonlyVar(name)  isSet(name)
//   environ()                   "NAME=value" of the exported variables, for execve
//   importEnv(env)              the environment a program starts with, exported
//   pushLocals() popLocals() makeLocal(name)   `local` inside functions
//   isName(s)                   a valid variable name
//   errorPrefix() err(msg)      dash's "sh: LINE: " prefix and a message with it on stderr
import { eprint } from "../../sdk";
import { isAlpha, isDigit } from "../../sdk";

export class Var {
  constructor(public value: string, public set: bool = true, public exported: bool = false,
    public readonly_: bool = false) {}
}

export class Shell {
  status: i32 = 0;            // $?
  pid: i32 = 0;               // $$
  lastBg: i32 = 0;            // $!
  arg0: string = "sh";        // $0
  params: string[] = [];      // $1 ...
  errexit: bool = false;      // set -e
  nounset: bool = false;      // set -u
  xtrace: bool = false;       // set -x
  noglob: bool = false;       // set -f
  verbose: bool = false;      // set -v (accepted)
  interactive: bool = false;
  subshell: bool = false;     // a forked child that must exit, not return to a prompt
  line: i32 = 1;              // the line the current command started on
  funcDepth: i32 = 0;
  loopDepth: i32 = 0;
  breaks: i32 = 0;            // pending break levels
  continues: i32 = 0;         // pending continue levels
  returning: bool = false;    // a `return` is unwinding
  aborted: bool = false;      // an error abandoned the current command line (interactive)
  noErrexit: i32 = 0;         // inside a condition: set -e does not apply
}

export const sh = new Shell();
const vars = new Map<string, Var>();
const localStack = new Array<Map<string, Var | null>>();

export function isName(s: string): bool {
  if (s.length == 0) return false;
  for (let i = 0; i < s.length; i++) {
    const c = <u32>s.charCodeAt(i);
    if (!(isAlpha(c) || c == 0x5f || (i > 0 && isDigit(c)))) return false;
  }
  return true;
}

export function getVar(name: string): string | null {
  if (!vars.has(name)) return null;
  const v = vars.get(name);
  return v.set ? v.value : null;
}

export function isSet(name: string): bool { return getVar(name) !== null; }

/** Set a variable; false (after dash's message) when it is readonly. */
export function setVar(name: string, value: string): bool {
  if (vars.has(name)) {
    const v = vars.get(name);
    if (v.readonly_) { err(name + ": is read only"); return false; }
    v.value = value; v.set = true;
    return true;
  }
  vars.set(name, new Var(value));
  return true;
}

export function unsetVar(name: string): bool {
  if (!vars.has(name)) return true;
  const v = vars.get(name);
  if (v.readonly_) { err(name + ": is read only"); return false; }
  vars.delete(name);
  return true;
}

/** Mark name exported (creating it unset if it does not exist). */
export function exportVar(name: string): void {
  if (!vars.has(name)) vars.set(name, new Var("", false));
  vars.get(name).exported = true;
}

export function readonlyVar(name: string): void {
  if (!vars.has(name)) vars.set(name, new Var("", false));
  vars.get(name).readonly_ = true;
}

/** Sorted names of the variables with a mark ("export" or "readonly") for `export -p`. */
export function markedNames(exported: bool): string[] {
  const out = new Array<string>();
  const keys = vars.keys();
  for (let i = 0; i < keys.length; i++) {
    const v = vars.get(keys[i]);
    if (exported ? v.exported : v.readonly_) out.push(keys[i]);
  }
  out.sort((a: string, b: string): i32 => a < b ? -1 : a > b ? 1 : 0);
  return out;
}

/** The whole variable table's names, sorted (for `set` without arguments). */
export function allNames(): string[] {
  const keys = vars.keys();
  const out = new Array<string>();
  for (let i = 0; i < keys.length; i++) if (vars.get(keys[i]).set) out.push(keys[i]);
  out.sort((a: string, b: string): i32 => a < b ? -1 : a > b ? 1 : 0);
  return out;
}

export function environ(): string[] {
  const out = new Array<string>();
  const keys = vars.keys();
  for (let i = 0; i < keys.length; i++) {
    const v = vars.get(keys[i]);
    if (v.exported && v.set) out.push(keys[i] + "=" + v.value);
  }
  return out;
}

export function importEnv(env: string[]): void {
  for (let i = 0; i < env.length; i++) {
    const eq = env[i].indexOf("=");
    if (eq <= 0) continue;
    const name = env[i].substring(0, eq);
    if (!isName(name)) continue;
    vars.set(name, new Var(env[i].substring(eq + 1), true, true));
  }
}

export function pushLocals(): void { localStack.push(new Map<string, Var | null>()); }

/** Restore the variables the innermost function made local. */
export function popLocals(): void {
  const saved = localStack.pop();
  const keys = saved.keys();
  for (let i = 0; i < keys.length; i++) {
    const v = saved.get(keys[i]);
    if (v) vars.set(keys[i], v); else vars.delete(keys[i]);
  }
}

/** `local name`: save its current state, to be restored when the function returns. */
export function makeLocal(name: string): bool {
  if (localStack.length == 0) return false;
  const top = localStack[localStack.length - 1];
  if (top.has(name)) return true;
  if (vars.has(name)) {
    const v = vars.get(name);
    top.set(name, new Var(v.value, v.set, v.exported, v.readonly_));
  } else top.set(name, null);
  return true;
}

/** dash's message prefix: "$0: LINE: ". */
export function errorPrefix(): string { return sh.arg0 + ": " + sh.line.toString() + ": "; }

export function err(msg: string): void { eprint(errorPrefix() + msg + "\n"); }
