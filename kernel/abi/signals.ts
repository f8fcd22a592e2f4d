// Linux signal numbers, actions and structures (asm-generic, as Linux defines them for 32-bit
// guests). A process killed by signal N exits the CLI with 128+N. kernel/signal.ts uses them.
import { ERESTARTSYS } from "./errno";

export enum Sig {
  SIGHUP = 1,
  SIGINT = 2,
  SIGQUIT = 3,
  SIGILL = 4,
  SIGTRAP = 5,
  SIGABRT = 6,
  SIGBUS = 7,
  SIGFPE = 8,
  SIGKILL = 9,
  SIGUSR1 = 10,
  SIGSEGV = 11,
  SIGUSR2 = 12,
  SIGPIPE = 13,
  SIGALRM = 14,
  SIGTERM = 15,
  SIGSTKFLT = 16,
  SIGCHLD = 17,
  SIGCONT = 18,
  SIGSTOP = 19,
  SIGTSTP = 20,
  SIGTTIN = 21,
  SIGTTOU = 22,
  SIGURG = 23,
  SIGXCPU = 24,
  SIGXFSZ = 25,
  SIGVTALRM = 26,
  SIGPROF = 27,
  SIGWINCH = 28,
  SIGIO = 29,
  SIGPWR = 30,
  SIGSYS = 31,
}

export const NSIG = 64;                 // signals are 1..NSIG (32..64: real-time, SIGRTMIN..SIGRTMAX)
export const SIGRTMIN = 32;
export const SIGSET_SIZE = 8;           // sigset_t as the kernel takes it: one u64, bit sig-1

// sa_handler's two special values. A handler is an index into the guest's function table, where
// index 1 is a function (C's and AssemblyScript's tables start at 1, 0 being NULL), so SIG_IGN is
// the index no table reaches (Linux's is 1).
export const SIG_DFL: u32 = 0;              // the default action
export const SIG_IGN: u32 = 0xffffffff;     // ignore

// sa_flags.
export const SA_NOCLDSTOP = 0x00000001; // no SIGCHLD when a child stops or continues
export const SA_NOCLDWAIT = 0x00000002;
export const SA_SIGINFO = 0x00000004;   // the handler takes (sig, siginfo_t *, ucontext *)
export const SA_ONSTACK = 0x08000000;
export const SA_RESTART = 0x10000000;   // restart a system call the handler interrupted
export const SA_NODEFER = 0x40000000;   // do not block the signal while its handler runs
export const SA_RESETHAND = 0x80000000; // back to SIG_DFL once delivered

// rt_sigprocmask's `how`.
export const SIG_BLOCK = 0;
export const SIG_UNBLOCK = 1;
export const SIG_SETMASK = 2;

// struct sigaction as rt_sigaction takes it (asm-generic, no sa_restorer), 32-bit guests:
//   +------------+----------+-----------------+
//   | sa_handler | sa_flags | sa_mask (u64)   |
//   +------------+----------+-----------------+
export const SIGACTION_SIZE = 16;
export const SA_HANDLER = 0;
export const SA_FLAGS = 4;
export const SA_MASK = 8;

// si_code values (siginfo_t).
export const SI_USER = 0;               // kill
export const SI_KERNEL = 0x80;          // sent by the kernel
export const SI_TKILL = -6;             // tkill, tgkill
export const CLD_EXITED = 1;            // SIGCHLD: the child exited
export const CLD_KILLED = 2;            // ... was killed
export const CLD_DUMPED = 3;            // ... was killed and dumped core
export const CLD_STOPPED = 5;           // ... stopped
export const CLD_CONTINUED = 6;         // ... continued
export const POLL_MSG = 3;              // SIGIO (or F_SETSIG's signal): a lease break's, with si_fd set

// setitimer/getitimer: struct itimerval of two timevals, each { i64 tv_sec; i64 tv_usec } (the
// 64-bit time ABI, as timespec here): it_interval, then it_value.
export const ITIMER_REAL = 0;           // SIGALRM on the (virtual) real-time clock
export const ITIMER_VIRTUAL = 1;
export const ITIMER_PROF = 2;
export const ITIMERVAL_SIZE = 32;
export const IT_INTERVAL = 0;
export const IT_VALUE = 16;

// The guest's signal entry (host/translate/signal.ts; kernel/signal.ts): the kernel's result for a
// call interrupted and to be restarted after the handlers ran (never a real result: -ERESTARTSYS).
export const SIG_RESTART_CALL = -ERESTARTSYS;
// kernel.sigenter's packed answer: 0 (nothing to deliver) or sig | kind << 8 | slot << 16 |
// handler << 32. An SA_SIGINFO handler gets the siginfo_t the kernel wrote at SIGFRAME_VA + slot *
// SIGINFO_SIZE (layout.ts), or NULL when there was no room to map it.
export const SIGENTER_SIGINFO = 1;      // kind: call the handler as (sig, info, context)
export const SIGENTER_SIGINFO_NULL = 2; // kind: call it as (sig, NULL, NULL)
export const SIGENTER_SLOT_SHIFT = 16;

// siginfo_t as Linux lays it out for a 32-bit process (128 bytes): three ints, then a union.
export const SIGINFO_SIZE = 128;
export const SI_SIGNO = 0;
export const SI_ERRNO = 4;
export const SI_CODE = 8;
export const SI_PID = 12;               // kill, tkill, SIGCHLD
export const SI_UID = 16;
export const SI_STATUS = 20;            // SIGCHLD: the exit code or the signal
export const SI_BAND = 12;              // SIGIO/SIGPOLL: the poll band
export const SI_FD = 16;                // ... and the fd
export const SIGFRAME_SLOTS = 32;       // siginfo slots: SA_SIGINFO handlers running nested at once
