// Signal names as dash spells them for trap and kill (no "SIG" prefix, any case on input): Linux's
// numbers from kernel/abi/signals.ts, named as glibc names them (16, 32 and 33 have no name; the
// real-time ones count from RTMIN = 34 and back from RTMAX = NSIG). Condition 0 is EXIT.
//
// Interface: signalName(n) -> "INT", "RTMIN+2", "16"; decodeSignal(s, min) -> the number of a
// name or a decimal below NSIG + 1 that is at least min, or -1; isNumber(s); catchable(n);
// signalDescription(n) -> glibc's strsignal text ("Terminated"), as dash reports a killed job
import { Sig, NSIG } from "../../sdk";

const NAMES = ["EXIT", "HUP", "INT", "QUIT", "ILL", "TRAP", "ABRT", "BUS", "FPE", "KILL", "USR1", "SEGV",
  "USR2", "PIPE", "ALRM", "TERM", "", "CHLD", "CONT", "STOP", "TSTP", "TTIN", "TTOU", "URG", "XCPU",
  "XFSZ", "VTALRM", "PROF", "WINCH", "IO", "PWR", "SYS"];
const DESCRIPTIONS = ["", "Hangup", "Interrupt", "Quit", "Illegal instruction", "Trace/breakpoint trap",
  "Aborted", "Bus error", "Floating point exception", "Killed", "User defined signal 1", "Segmentation fault",
  "User defined signal 2", "Broken pipe", "Alarm clock", "Terminated", "Stack fault", "Child exited",
  "Continued", "Stopped (signal)", "Stopped", "Stopped (tty input)", "Stopped (tty output)",
  "Urgent I/O condition", "CPU time limit exceeded", "File size limit exceeded", "Virtual timer expired",
  "Profiling timer expired", "Window changed", "I/O possible", "Power failure", "Bad system call"];
const LIBC_RTMIN = 34;                  // glibc keeps 32 and 33 for itself
const RT_MIDDLE = (LIBC_RTMIN + NSIG) / 2;   // RTMIN+n up to here, RTMAX-n after

export function isNumber(s: string): bool {
  if (s.length == 0) return false;
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) < 0x30 || s.charCodeAt(i) > 0x39) return false;
  return true;
}

export function signalName(n: i32): string {
  if (n >= 0 && n < NAMES.length && NAMES[n].length > 0) return NAMES[n];
  if (n == LIBC_RTMIN) return "RTMIN";
  if (n == NSIG) return "RTMAX";
  if (n > LIBC_RTMIN && n <= RT_MIDDLE) return "RTMIN+" + (n - LIBC_RTMIN).toString();
  if (n > RT_MIDDLE && n < NSIG) return "RTMAX-" + (NSIG - n).toString();
  return n.toString();
}

/** A condition by name (any case) or number; -1 if none (or below min). */
export function decodeSignal(s: string, min: i32): i32 {
  if (isNumber(s)) {
    const n = s.length > 3 ? NSIG + 1 : I32.parseInt(s);
    return n <= NSIG && n >= min ? n : -1;
  }
  const up = s.toUpperCase();
  for (let n = min; n <= NSIG; n++) if (signalName(n) == up && !isNumber(up)) return n;
  return -1;
}

/** SIGKILL and SIGSTOP cannot be caught or ignored. */
export function catchable(n: i32): bool { return n != Sig.SIGKILL && n != Sig.SIGSTOP; }

export function signalDescription(n: i32): string {
  if (n > 0 && n < DESCRIPTIONS.length) return DESCRIPTIONS[n];
  if (n >= LIBC_RTMIN && n <= NSIG) return "Real-time signal " + (n - LIBC_RTMIN).toString();
  return "Unknown signal " + n.toString();
}
