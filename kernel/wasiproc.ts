// WASI functions of the process: arguments and environment (read from the process's argument block
// at ARG_BASE, layout.ts), clocks (the machine's virtual clock), poll_oneoff, proc_exit, proc_raise,
// sched_yield and random_get.
// poll_oneoff: a clock subscription (relative or absolute) fires at its time; an fd subscription is
// ready when a read or write would not block, as ppoll answers (poll.ts filePoll: files and
// directories always, the console for reading when input is queued, pipes and sockets by their
// state; hangup flagged). With nothing ready the process sleeps until the earliest clock (on
// POLL_CHAN too when fds are watched: any wakeup makes it look again); its start time is kept
// across the restart (kept in the process record, POLLSTART_OFF), so relative clocks keep their times.
// random_get: the kernel's seeded generator (random.ts; `wasmos run --seed N`), so a run's bytes are
// the same each time.
// Interface: the table's entries (wasi.ts, each (a0..a8) -> result or -errno): wasi_args_get,
// wasi_args_sizes_get, wasi_environ_get, wasi_environ_sizes_get, wasi_clock_res_get,
// wasi_clock_time_get, wasi_poll_oneoff, wasi_proc_exit, wasi_proc_raise, wasi_sched_yield,
// wasi_random_get.
import { Errno } from "./abi/errno";
import { ARG_BASE, ARG_MAX, PAGE_SIZE } from "./abi/layout";
import { WasiErrno, WASI_CLOCK_THREAD_CPUTIME_ID, WASI_SIGNALS, WASI_SIG_SHIFT_FROM, EVENTTYPE_CLOCK,
  EVENTTYPE_FD_READ, EVENTTYPE_FD_WRITE, SUBCLOCK_ABSTIME, EVENTRWFLAGS_HANGUP, SUBSCRIPTION_SIZE, SUB_USERDATA,
  SUB_TAG, SUB_CLOCK_TIMEOUT, SUB_CLOCK_FLAGS, SUB_CLOCK_ID, SUB_FD, EVENT_SIZE, EVENT_USERDATA, EVENT_ERROR,
  EVENT_TYPE, EVENT_NBYTES, EVENT_FLAGS } from "./abi/wasi";
import { TIME_HORIZON_NS } from "./param";
import { curProc } from "./cpu";
import { Proc, POLLSTART_OFF } from "./proc";
import { sleepOn, sleepUntil, progress, keepProgress, POLL_CHAN } from "./sleep";
import { filePoll } from "./poll";
import { POLLIN, POLLOUT, POLLERR, POLLHUP, FD_SETSIZE } from "./abi/poll";
import { clockNow } from "./clock";
import { fileAt, FT_INODE, FT_PIPE, FT_SOCKET } from "./file";
import { pipeAt } from "./pipe";
import { sockAt } from "./net/sock";
import { iSize } from "./fs";
import { isDir } from "./dir";
import { copyToUser, copyFromUser, strncpyFromUser } from "./copy";
import { putU32, putU64, wasiErr, openFile, uptr } from "./wasiarg";
import { sys_exit_group, sys_sched_yield } from "./sysproc";
import { sys_tkill } from "./syssignal";
import { randomFill } from "./random";

const sbuf: usize = memory.data(PAGE_SIZE);  // first half: strings on their way; second half: strlen's scratch
const HALF: u32 = PAGE_SIZE / 2;

// --- Arguments and environment

// argc, and the address of the first pointer of argv (env false) or envp (env true).
function vectorAt(p: Proc, env: bool, out: usize): i64 {
  if (copyFromUser(p, sbuf, ARG_BASE, 4) < 0) return -Errno.EFAULT;
  const argc = load<u32>(sbuf);
  if (argc > <u32>ARG_MAX / 4) return -Errno.EFAULT;
  store<u32>(out, argc);
  store<u32>(out + 4, ARG_BASE + 4 + (env ? 4 * (argc + 1) : 0));
  return 0;
}

// Length of the string at `va` (its NUL not counted), or -1 when it runs into a bad page.
function ustrlen(p: Proc, va: u32): i64 {
  let n: i64 = 0;
  for (;;) {
    const r = strncpyFromUser(p, sbuf + HALF, va + <u32>n, HALF);   // measured only: not a copy out
    if (r < 0) return -1;
    n += r;
    if (r < <i64>HALF) return n;
    if (n > <i64>ARG_MAX) return -1;
  }
  return -1;
}

// Copy `n` user bytes from `src` to `dst` (through sbuf: a copy in and a copy out, each counted).
function copyUserToUser(p: Proc, dst: u32, src: u32, n: u32): i64 {
  for (let done: u32 = 0; done < n;) {
    const c = min(n - done, HALF);
    if (copyFromUser(p, sbuf, src + done, c) < 0 || copyToUser(p, dst + done, sbuf, c) < 0) return -Errno.EFAULT;
    done += c;
  }
  return 0;
}

const vec: usize = memory.data(8);
const word: usize = memory.data(4);

// Walk argv (env false) or envp: with `ptrs` 0 count the strings and their bytes into (countOut,
// sizeOut); else write each string into `buf` and its address into `ptrs`. Each pointer is read
// with one small counted copy (Linux's get_user), each string moved with a copy in and a copy out.
function walkVector(p: Proc, env: bool, ptrs: u32, buf: u32, countOut: u32, sizeOut: u32): i64 {
  const e = vectorAt(p, env, vec);
  if (e < 0) return e;
  const argc = load<u32>(vec), first = load<u32>(vec + 4);
  let bytes: u32 = 0;
  let i: u32 = 0;
  for (;; i++) {
    if (!env && i == argc) break;
    if (i >= <u32>ARG_MAX / 4 || copyFromUser(p, word, first + 4 * i, 4) < 0) return -Errno.EFAULT;
    const s = load<u32>(word);
    if (env && s == 0) break;
    const len = ustrlen(p, s);
    if (len < 0) return -Errno.EFAULT;
    if (ptrs != 0) {
      const r = putU32(p, ptrs + 4 * i, buf + bytes);
      if (r < 0) return r;
      const c = copyUserToUser(p, buf + bytes, s, <u32>len + 1);
      if (c < 0) return c;
    }
    bytes += <u32>len + 1;
  }
  if (ptrs != 0) return 0;
  const r = putU32(p, countOut, i);
  return r < 0 ? r : putU32(p, sizeOut, bytes);
}

export function wasi_args_sizes_get(a0: i64, a1: i64, a2: i64, a3: i64, a4: i64, a5: i64, a6: i64, a7: i64, a8: i64): i64 {
  return walkVector(curProc(), false, 0, 0, uptr(a0), uptr(a1));
}
export function wasi_args_get(a0: i64, a1: i64, a2: i64, a3: i64, a4: i64, a5: i64, a6: i64, a7: i64, a8: i64): i64 {
  return walkVector(curProc(), false, uptr(a0), uptr(a1), 0, 0);
}
export function wasi_environ_sizes_get(a0: i64, a1: i64, a2: i64, a3: i64, a4: i64, a5: i64, a6: i64, a7: i64, a8: i64): i64 {
  return walkVector(curProc(), true, 0, 0, uptr(a0), uptr(a1));
}
export function wasi_environ_get(a0: i64, a1: i64, a2: i64, a3: i64, a4: i64, a5: i64, a6: i64, a7: i64, a8: i64): i64 {
  return walkVector(curProc(), true, uptr(a0), uptr(a1), 0, 0);
}

// --- Clocks: every WASI clock reads the virtual clock (as clock_gettime does), to the nanosecond.

export function wasi_clock_res_get(a0: i64, a1: i64, a2: i64, a3: i64, a4: i64, a5: i64, a6: i64, a7: i64, a8: i64): i64 {
  if (<u64>a0 > WASI_CLOCK_THREAD_CPUTIME_ID) return -Errno.EINVAL;
  return putU64(curProc(), uptr(a1), 1);
}

export function wasi_clock_time_get(a0: i64, a1: i64, a2: i64, a3: i64, a4: i64, a5: i64, a6: i64, a7: i64, a8: i64): i64 {
  if (<u64>a0 > WASI_CLOCK_THREAD_CPUTIME_ID) return -Errno.EINVAL;
  return putU64(curProc(), uptr(a2), clockNow());
}

// --- poll_oneoff(in, out, nsubscriptions, nevents_out)

const sub: usize = memory.data(<i32>SUBSCRIPTION_SIZE);
const ev: usize = memory.data(<i32>EVENT_SIZE);

// Readiness of a subscription's fd (poll.ts filePoll, ppoll's answer): WASI errno in the low 16
// bits, hangup bit 17; -1 when not ready. nbytes: what a read would get (a file: up to its end).
function fdReady(p: Proc, fd: u32, write: bool, nbytes: usize): i64 {
  store<u64>(nbytes, 0);
  const fi = openFile(p, fd);
  if (fi < 0) return WasiErrno.BADF;
  const m = filePoll(fi);
  const hup: i64 = m & POLLHUP ? 2 << 16 : 0;
  if (m & POLLERR) return hup;
  if (!(m & (write ? POLLOUT : POLLIN)) && !hup) return -1;
  const f = fileAt(fi);
  if (!write && f.type == FT_INODE && !isDir(f.ino) && iSize(f.ino) > f.offset) store<u64>(nbytes, iSize(f.ino) - f.offset);
  if (!write && f.type == FT_PIPE) store<u64>(nbytes, pipeAt(<i32>f.pipe).bytes);
  if (!write && f.type == FT_SOCKET) store<u64>(nbytes, sockAt(<i32>f.sock).rcvBytes);
  return hup;
}

function putEvent(p: Proc, out: u32, n: u32, userdata: u64, type: u8, errno: u16, nbytes: u64, flags: u16): i64 {
  memory.fill(ev, 0, EVENT_SIZE);
  store<u64>(ev + EVENT_USERDATA, userdata);
  store<u16>(ev + EVENT_ERROR, errno);
  store<u8>(ev + EVENT_TYPE, type);
  store<u64>(ev + EVENT_NBYTES, nbytes);
  store<u16>(ev + EVENT_FLAGS, flags);
  return copyToUser(p, out + n * <u32>EVENT_SIZE, ev, <u32>EVENT_SIZE) < 0 ? -Errno.EFAULT : 0;
}

// The time a clock subscription (in `sub`) fires at, for a poll that began at `start`; saturated at
// TIME_HORIZON_NS.
function fireTime(start: u64): u64 {
  const t = load<u64>(sub + SUB_CLOCK_TIMEOUT);
  if (load<u16>(sub + SUB_CLOCK_FLAGS) & SUBCLOCK_ABSTIME) return t;
  return t >= TIME_HORIZON_NS - start ? TIME_HORIZON_NS : start + t;
}

export function wasi_poll_oneoff(a0: i64, a1: i64, a2: i64, a3: i64, a4: i64, a5: i64, a6: i64, a7: i64, a8: i64): i64 {
  const p = curProc();
  const inp = uptr(a0), out = uptr(a1), nsub = <u32>a2;
  if (nsub == 0 || nsub > <u32>FD_SETSIZE) return -Errno.EINVAL;  // bounded as ppoll's nfds: one call stays short
  const now = clockNow();
  const slotStart = changetype<usize>(p) + POLLSTART_OFF;   // when a sleeping poll began
  if (progress(p) == 0) store<u64>(slotStart, now);   // a new poll (not one woken from its sleep)
  const start = load<u64>(slotStart);
  let earliest: u64 = U64.MAX_VALUE;
  let n: u32 = 0, fds: u32 = 0;
  // first pass: fds that are ready now, and the earliest clock
  for (let i: u32 = 0; i < nsub; i++) {
    if (copyFromUser(p, sub, inp + i * <u32>SUBSCRIPTION_SIZE, <u32>SUBSCRIPTION_SIZE) < 0) return -Errno.EFAULT;
    const tag = load<u8>(sub + SUB_TAG), ud = load<u64>(sub + SUB_USERDATA);
    if (tag == EVENTTYPE_CLOCK) {
      if (load<u32>(sub + SUB_CLOCK_ID) > WASI_CLOCK_THREAD_CPUTIME_ID) {
        const r = putEvent(p, out, n++, ud, tag, <u16>WasiErrno.INVAL, 0, 0);
        if (r < 0) return r;
        continue;
      }
      const t = fireTime(start);
      if (t < earliest) earliest = t;
    } else if (tag == EVENTTYPE_FD_READ || tag == EVENTTYPE_FD_WRITE) {
      fds++;
      const st = fdReady(p, load<u32>(sub + SUB_FD), tag == EVENTTYPE_FD_WRITE, ev + EVENT_SIZE - 8);
      if (st < 0) continue;
      const nbytes = load<u64>(ev + EVENT_SIZE - 8);
      const r = putEvent(p, out, n++, ud, tag, <u16>(st & 0xffff), nbytes, st & (2 << 16) ? EVENTRWFLAGS_HANGUP : 0);
      if (r < 0) return r;
    } else return -Errno.EINVAL;
  }
  // second pass, when no fd is ready: the clocks due by now
  if (n == 0 && earliest <= now) {
    for (let i: u32 = 0; i < nsub; i++) {
      if (copyFromUser(p, sub, inp + i * <u32>SUBSCRIPTION_SIZE, <u32>SUBSCRIPTION_SIZE) < 0) return -Errno.EFAULT;
      if (load<u8>(sub + SUB_TAG) != EVENTTYPE_CLOCK) continue;
      const t = fireTime(start);
      if (t > now) continue;
      const r = putEvent(p, out, n++, load<u64>(sub + SUB_USERDATA), EVENTTYPE_CLOCK, 0, 0, 0);
      if (r < 0) return r;
    }
  }
  if (n > 0) { keepProgress(p, 0); return putU32(p, uptr(a3), n); }
  // nothing yet: sleep until the earliest clock, or a watched pipe or socket changes
  keepProgress(p, 1);
  if (fds > 0) {                                  // woken by any wakeup, as ppoll (sleep.ts POLL_CHAN)
    const r = sleepOn(p, POLL_CHAN);
    if (earliest != U64.MAX_VALUE) p.wakeAt = earliest == 0 ? 1 : earliest;
    return r;
  }
  sleepUntil(p, earliest == 0 ? 1 : earliest);
  return sleepOn(p, 0);
}

// --- The process

export function wasi_proc_exit(a0: i64, a1: i64, a2: i64, a3: i64, a4: i64, a5: i64, a6: i64, a7: i64, a8: i64): i64 {
  return sys_exit_group(a0, 0, 0, 0, 0, 0);
}

// A signal to the process itself, in WASI's numbering (abi/wasi.ts); it is delivered as the call returns.
export function wasi_proc_raise(a0: i64, a1: i64, a2: i64, a3: i64, a4: i64, a5: i64, a6: i64, a7: i64, a8: i64): i64 {
  const s = <u64>a0;
  if (s >= <u64>WASI_SIGNALS) return -Errno.EINVAL;
  const linux = s >= <u64>WASI_SIG_SHIFT_FROM ? s + 1 : s;
  return sys_tkill(<i64>curProc().pid, <i64>linux, 0, 0, 0, 0);
}

export function wasi_sched_yield(a0: i64, a1: i64, a2: i64, a3: i64, a4: i64, a5: i64, a6: i64, a7: i64, a8: i64): i64 {
  return sys_sched_yield(0, 0, 0, 0, 0, 0);
}

// --- random_get: the kernel's one generator (random.ts), as getrandom, a page at a time; a bad
// buffer is EFAULT.

export function wasi_random_get(a0: i64, a1: i64, a2: i64, a3: i64, a4: i64, a5: i64, a6: i64, a7: i64, a8: i64): i64 {
  const p = curProc();
  const buf = uptr(a0), len = <u32>a1;
  for (let done: u32 = 0; done < len;) {
    const c = min(len - done, PAGE_SIZE);
    randomFill(sbuf, c);
    if (copyToUser(p, buf + done, sbuf, c) < 0) return -Errno.EFAULT;
    done += c;
  }
  return 0;
}
