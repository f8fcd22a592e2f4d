// Wait channels in words, and the hung-task report. A sleeping process has a channel number
// (sleep.ts) and the syscall that slept (Proc.sleepSys); wchanOf names what it waits on the way
// Linux's /proc/PID/wchan names the function it sleeps in (abi/records.ts Wchan): pipe_read,
// do_wait, sk_wait_data ... When every process sleeps and nothing can wake any of them (the host's
// run loop sees no runnable process, no timer, no device and nothing from outside), the host
// reports each one with hungTask before it kills them, as Linux's hung-task detector reports tasks
// blocked too long: a trace event (Ev.hungTask) and a counter (Stat.hungTaskReports).
// Interface: wchanOf(p) -> Wchan, wchanName(w) -> /proc/PID/wchan's text ("0" when not asleep); exports procWchan(pid) -> Wchan, procSleepSys(pid) -> syscall nr
// (-1: not sleeping), hungTask(pid) -> Wchan (traced and counted).
import { Wchan } from "./abi/records";
import { Ev } from "./abi/trace";
import { Stat } from "./abi/layout";
import { Sys } from "./abi/syscalls";
import { Proc, procByPid, SLEEPING } from "./proc";
import { POLL_CHAN } from "./sleep";
import { TTY_CHAN } from "./console";
import { FORK_CHAN } from "./fork";
import { EXEC_CHAN } from "./sysexec";
import { WAIT_CHAN_BASE } from "./exit";
import { PID_MAX } from "./param";
import { NPIPE, pipeAt, pipeChan } from "./pipe";
import { NSOCK, sockAt, sockChan, sndSpace, LISTEN, SYN_SENT } from "./net/sock";
import { isLeaseChan } from "./lease";
import { statAdd } from "./stats";
import { nextSeq, traceEmit } from "./trace";

export function wchanOf(p: Proc): Wchan {
  if (p.stopped) return Wchan.do_signal_stop;
  if (p.state != SLEEPING) return Wchan.none;
  const c = p.chan;
  if (c == POLL_CHAN) return p.sleepSys == Sys.epoll_pwait ? Wchan.ep_poll : Wchan.do_sys_poll;
  if (c == TTY_CHAN) return Wchan.n_tty_read;
  if (c == FORK_CHAN) return Wchan.do_fork;
  if (c == EXEC_CHAN) return Wchan.do_execve;
  if (c - WAIT_CHAN_BASE < PID_MAX) return Wchan.do_wait;
  if (c - pipeChan(0) < <u32>NPIPE) return pipeWchan(<i32>(c - pipeChan(0)));
  if (c - sockChan(0) < <u32>NSOCK) return sockWchan(p, <i32>(c - sockChan(0)));
  if (isLeaseChan(c)) return Wchan.break_lease;
  if (p.sleepSys == Sys.rt_sigsuspend) return Wchan.sigsuspend;
  if (c == 0 && p.wakeAt != 0) return Wchan.hrtimer_nanosleep;
  return Wchan.unknown;
}

// What /proc/PID/wchan reads: the function's name, no newline; "0" for a process not asleep.
export function wchanName(w: Wchan): string {
  switch (w) {
    case Wchan.pipe_read: return "pipe_read";
    case Wchan.pipe_write: return "pipe_write";
    case Wchan.do_wait: return "do_wait";
    case Wchan.inet_csk_accept: return "inet_csk_accept";
    case Wchan.sk_wait_data: return "sk_wait_data";
    case Wchan.sk_stream_wait_memory: return "sk_stream_wait_memory";
    case Wchan.sk_stream_wait_connect: return "sk_stream_wait_connect";
    case Wchan.n_tty_read: return "n_tty_read";
    case Wchan.sigsuspend: return "sigsuspend";
    case Wchan.do_sys_poll: return "do_sys_poll";
    case Wchan.ep_poll: return "ep_poll";
    case Wchan.hrtimer_nanosleep: return "hrtimer_nanosleep";
    case Wchan.do_fork: return "do_fork";
    case Wchan.do_execve: return "do_execve";
    case Wchan.do_signal_stop: return "do_signal_stop";
    case Wchan.break_lease: return "__break_lease";
    case Wchan.unknown: return "schedule";
  }
  return "0";
}

// A reader sleeps only on an empty pipe, a writer only on one without room: the pipe says which.
function pipeWchan(i: i32): Wchan {
  const pp = pipeAt(i);
  return pp.head == pp.tail ? Wchan.pipe_read : Wchan.pipe_write;
}

function sockWchan(p: Proc, i: i32): Wchan {
  const s = sockAt(i);
  if (s.state == LISTEN) return Wchan.inet_csk_accept;
  if (s.state == SYN_SENT) return Wchan.sk_stream_wait_connect;
  const nr = p.sleepSys;
  const sends = nr == Sys.write || nr == Sys.writev || nr == Sys.sendto || nr == Sys.sendmsg || nr == Sys.sendfile;
  return sends || (nr == Sys.splice && sndSpace(s) == 0) ? Wchan.sk_stream_wait_memory : Wchan.sk_wait_data;
}

export function procWchan(pid: u32): i32 {
  const p = procByPid(pid);
  return p ? <i32>wchanOf(p) : <i32>Wchan.none;
}

export function procSleepSys(pid: u32): i32 {
  const p = procByPid(pid);
  return p && p.state == SLEEPING ? p.sleepSys : -1;
}

// The host found `pid` hung (nothing can wake it): trace it (sub = its Wchan, a0 = pid, a1 = the
// syscall it sleeps in) and count it.
export function hungTask(pid: u32): i32 {
  const p = procByPid(pid);
  if (!p) return <i32>Wchan.none;
  const w = wchanOf(p);
  statAdd(Stat.hungTaskReports, 1);
  traceEmit(nextSeq(), Ev.hungTask, <u32>w, <u64>pid, <u64>procSleepSys(pid), 0, 0, 0, 0);
  return <i32>w;
}
