// Signals: the FALLBACK of branch tty, the three functions of the signals interface only (helper
// sig writes the real kernel/signal.ts, with actions, masks and handlers; the lead keeps that one).
// Here every signal takes its default action: those whose default is to terminate mark the
// process killed (it dies when scheduled: sched.ts, waking it if it sleeps); SIGCHLD, SIGWINCH,
// SIGCONT and SIGURG are ignored; the stop signals (SIGTSTP, SIGSTOP, SIGTTIN, SIGTTOU) are
// ignored too, as there is no stopped state.
// Interface: sendSignal(p, sig), signalGroup(pgid, sig) -> processes signalled or -ESRCH,
// signalPending(p) -> bool.
import { Errno } from "./abi/errno";
import { Sig } from "./abi/signals";
import { NPROC } from "./param";
import { Proc, procSlot, UNUSED, ZOMBIE } from "./proc";
import { wakeProc } from "./sleep";

function ignoredByDefault(sig: u32): bool {
  return sig == Sig.SIGCHLD || sig == Sig.SIGWINCH || sig == Sig.SIGCONT || sig == Sig.SIGURG ||
    sig == Sig.SIGTSTP || sig == Sig.SIGSTOP || sig == Sig.SIGTTIN || sig == Sig.SIGTTOU;
}

// Signal one process: its default action.
export function sendSignal(p: Proc, sig: u32): void {
  if (sig == 0 || ignoredByDefault(sig) || p.state == ZOMBIE || p.state == UNUSED) return;
  if (p.killed == 0) p.killed = sig;
  wakeProc(p);                         // a sleeper wakes to die (schedule() sees killed)
}

// Signal every process of group `pgid`: how many there were, or -ESRCH when none.
export function signalGroup(pgid: u32, sig: u32): i32 {
  let n = 0;
  for (let i = 0; i < NPROC; i++) {
    const p = procSlot(i);
    if (pgid == 0 || p.pgid != pgid || p.state == UNUSED || p.state == ZOMBIE) continue;
    sendSignal(p, sig);
    n++;
  }
  return n > 0 ? n : -Errno.ESRCH;
}

// A signal is pending that a blocking call should be interrupted for (here: a fatal one).
export function signalPending(p: Proc): bool { return p.killed != 0; }
