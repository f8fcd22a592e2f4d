// Signal dispositions: rt_sigaction with SIG_DFL or SIG_IGN (a guest cannot install handlers here
// yet). Each returns the raw result or -errno (-ENOSYS on a kernel without signal actions).
//
// Interface:
//   rt_sigaction(sig, act, oldact)     raw: act and oldact point at struct sigaction (or 0)
//   signalIgnore(sig) signalDefault(sig)    set SIG_IGN / SIG_DFL, no flags, empty mask
// The sigaction record and SIG_DFL/SIG_IGN are Linux's (asm-generic, 32-bit); when kernel/abi/signals.ts
// defines them (helper sig's branch), import them from there instead.
import { Sys } from "../../kernel/abi/syscalls";
import { syscall4 } from "./syscall";

export const SIG_DFL: u32 = 0;              // the default action
export const SIG_IGN: u32 = 1;              // ignore the signal
const SIGACTION_SIZE = 16;                  // { u32 sa_handler; u32 sa_flags; u64 sa_mask }
const SIGSET_SIZE = 8;
const act = memory.data(SIGACTION_SIZE, 8);

export function rt_sigaction(sig: i32, newAct: usize, oldAct: usize): i64 {
  return syscall4(Sys.rt_sigaction, sig, newAct, oldAct, SIGSET_SIZE);
}

function setAction(sig: i32, handler: u32): i64 {
  memory.fill(act, 0, SIGACTION_SIZE);
  store<u32>(act, handler);
  return rt_sigaction(sig, act, 0);
}

export function signalIgnore(sig: i32): i64 { return setAction(sig, SIG_IGN); }
export function signalDefault(sig: i32): i64 { return setAction(sig, SIG_DFL); }
