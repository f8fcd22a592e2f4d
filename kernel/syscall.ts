// System call entry: the one trap-like import every guest has, kernel.syscall(nr, a0..a5).
// Counts two mode switches per call (enter, return), traces entry and exit (entry.ts, shared with
// the WASI personality, wasi.ts), dispatches through
// the system call table (number -> handler, as xv6's syscalls[]), and handles sleeping as
// kernel/sleep.ts draws it: a handler that must wait returns sleepOn's -ERESTARTSYS; the guest then
// unwinds (asyncify) and calls again when woken. Each handler (sys_<name>, in the sys*.ts file of
// its area) takes the six raw argument registers and narrows and checks them itself (sysarg.ts).
// Interface: syscall (exported to guests).
import { loDrain } from "./net/loopback";
import { Errno, MAX_ERRNO } from "./abi/errno";
import { curProc } from "./cpu";
import { Proc } from "./proc";
import { callEntry, keptValue, leaveCall, RESTART_NONE, RESTART_RETURN } from "./sleep";
import { setCurSys } from "./stats";
import { setCause } from "./trace";
import { hostUnwind } from "./host";
import { enterCall, finishCall } from "./entry";
import { sigInterrupt } from "./signal";
import { panic } from "./panic";
import { Sys, NSYSCALL } from "./abi/syscalls";
import { sys_exit, sys_exit_group, sys_getpid, sys_getppid, sys_sched_yield, sys_nanosleep, sys_clock_gettime,
  sys_wait4, sys_uname, sys_execve, sys_clone, sys_clock_getres } from "./sysproc";
import { sys_getrandom } from "./random";
import { sys_kill, sys_tkill, sys_tgkill, sys_rt_sigaction, sys_rt_sigprocmask, sys_rt_sigpending, sys_rt_sigsuspend,
  sys_getitimer, sys_setitimer } from "./syssignal";
import { sys_ppoll, sys_pselect6 } from "./syspoll";
import { sys_epoll_create1, sys_epoll_ctl, sys_epoll_pwait, sys_epoll_pwait2 } from "./sysepoll";
import { sys_brk, sys_mmap, sys_munmap, sys_mprotect, sys_msync, sys_madvise, sys_mincore } from "./sysmem";
import { sys_mremap } from "./mremap";
import { sys_mlock, sys_munlock, sys_mlockall, sys_munlockall } from "./mlock";
import { sys_read, sys_write, sys_readv, sys_writev, sys_close, sys_dup, sys_dup3, sys_fcntl, sys_ioctl } from "./sysfile";
import { sys_openat, sys_lseek, sys_pread64, sys_pwrite64, sys_fstat, sys_newfstatat, sys_ftruncate, sys_fsync,
  sys_fdatasync, sys_sync, sys_getdents64, sys_mkdirat, sys_umask, sys_fchmod, sys_fchmodat, sys_unlinkat, sys_renameat, sys_chdir, sys_getcwd,
  sys_faccessat, sys_symlinkat, sys_readlinkat, sys_linkat, sys_utimensat, sys_fallocate, sys_fadvise64 } from "./sysfs";
import { sys_socket, sys_socketpair, sys_bind, sys_listen, sys_accept, sys_connect, sys_sendto, sys_recvfrom,
  sys_sendmsg, sys_recvmsg, sys_shutdown, sys_getsockname, sys_getpeername, sys_setsockopt,
  sys_getsockopt } from "./net/syssock";
import { sys_sendfile } from "./sendfile";
import { sys_pipe2, sys_splice, sys_tee, sys_vmsplice } from "./splice";
import { sys_getrlimit, sys_setrlimit, sys_prlimit64 } from "./rlimit";
import { sys_setpgid, sys_getpgid, sys_getsid, sys_setsid } from "./session";

export function syscall(nr: i32, a0: i64, a1: i64, a2: i64, a3: i64, a4: i64, a5: i64): i64 {
  const p = curProc();
  const how = callEntry(p);                      // sleep.ts: a new call, a restart, or a kept value
  if (how == RESTART_RETURN) return finish(p, nr, keptValue(p));
  if (how == RESTART_NONE) enterCall(p, nr, a0, a1, a2, a3, a4, a5, 0);
  setCurSys(nr); setCause(p.sysSeq);
  const r = sigInterrupt(p, dispatch(linux, nr, a0, a1, a2, a3, a4, a5), false);
  const unwind = leaveCall(p, r);            // (a sleep is recorded before the loopback can end it)
  loDrain();                                 // segments this call sent to 127.0.0.1 arrive
  setCurSys(-1); setCause(0);
  if (unwind) { hostUnwind(); return 0; }   // it sleeps, returns later, or exited
  return finish(p, nr, r);
}

function finish(p: Proc, nr: i32, r: i64): i64 {
  return finishCall(p, nr, r, r < 0 && r >= -MAX_ERRNO);
}

// A system call handler: the six raw argument registers in, the result (or -errno) out.
type Handler = (a0: i64, a1: i64, a2: i64, a3: i64, a4: i64, a5: i64) => i64;

// A table maps a number to a Handler: NSYSCALL slots of a function reference, 0 where there is
// none. One table per personality; Linux's is the only one today (docs/architecture.md).
const linux: usize = memory.data(NSYSCALL * sizeof<usize>());

function dispatch(t: usize, nr: i32, a0: i64, a1: i64, a2: i64, a3: i64, a4: i64, a5: i64): i64 {
  if (<u32>nr >= <u32>NSYSCALL) return -Errno.ENOSYS;
  const h = load<usize>(t + (<usize>nr << alignof<usize>()));
  if (h == 0) return -Errno.ENOSYS;
  return changetype<Handler>(h)(a0, a1, a2, a3, a4, a5);
}

function on(t: usize, nr: i32, h: Handler): void {
  const slot = t + (<usize>nr << alignof<usize>());
  if (<u32>nr >= <u32>NSYSCALL || load<usize>(slot) != 0) panic("syscall table: a number twice or too big");
  store<usize>(slot, changetype<usize>(h));
}

// A number Linux has and we do not implement: ENOSYS, as Linux's sys_ni_syscall.
function sys_ni_syscall(a0: i64, a1: i64, a2: i64, a3: i64, a4: i64, a5: i64): i64 { return -Errno.ENOSYS; }

// Linux's table (asm-generic numbers, kernel/abi/syscalls.ts): one line per system call, every
// name of Sys and no other (tests/syscall.table.test.ts checks both ways). Filled at start.
function linuxTable(t: usize): void {
  on(t, Sys.getcwd,          sys_getcwd);
  on(t, Sys.epoll_create1,   sys_epoll_create1);
  on(t, Sys.epoll_ctl,       sys_epoll_ctl);
  on(t, Sys.epoll_pwait,     sys_epoll_pwait);
  on(t, Sys.dup,             sys_dup);
  on(t, Sys.dup3,            sys_dup3);
  on(t, Sys.fcntl,           sys_fcntl);
  on(t, Sys.ioctl,           sys_ioctl);
  on(t, Sys.mkdirat,         sys_mkdirat);
  on(t, Sys.fchmod,          sys_fchmod);
  on(t, Sys.fchmodat,        sys_fchmodat);
  on(t, Sys.umask,           sys_umask);
  on(t, Sys.unlinkat,        sys_unlinkat);
  on(t, Sys.symlinkat,       sys_symlinkat);
  on(t, Sys.linkat,          sys_linkat);
  on(t, Sys.renameat,        sys_renameat);
  on(t, Sys.ftruncate,       sys_ftruncate);
  on(t, Sys.fallocate,       sys_fallocate);
  on(t, Sys.faccessat,       sys_faccessat);
  on(t, Sys.chdir,           sys_chdir);
  on(t, Sys.openat,          sys_openat);
  on(t, Sys.close,           sys_close);
  on(t, Sys.pipe2,           sys_pipe2);
  on(t, Sys.getdents64,      sys_getdents64);
  on(t, Sys.lseek,           sys_lseek);
  on(t, Sys.read,            sys_read);
  on(t, Sys.write,           sys_write);
  on(t, Sys.readv,           sys_readv);
  on(t, Sys.writev,          sys_writev);
  on(t, Sys.pread64,         sys_pread64);
  on(t, Sys.pwrite64,        sys_pwrite64);
  on(t, Sys.sendfile,        sys_sendfile);
  on(t, Sys.pselect6,        sys_pselect6);
  on(t, Sys.ppoll,           sys_ppoll);
  on(t, Sys.vmsplice,        sys_vmsplice);
  on(t, Sys.splice,          sys_splice);
  on(t, Sys.tee,             sys_tee);
  on(t, Sys.readlinkat,      sys_readlinkat);
  on(t, Sys.newfstatat,      sys_newfstatat);
  on(t, Sys.fstat,           sys_fstat);
  on(t, Sys.sync,            sys_sync);
  on(t, Sys.fsync,           sys_fsync);
  on(t, Sys.fdatasync,       sys_fdatasync);
  on(t, Sys.utimensat,       sys_utimensat);
  on(t, Sys.exit,            sys_exit);
  on(t, Sys.exit_group,      sys_exit_group);
  on(t, Sys.nanosleep,       sys_nanosleep);
  on(t, Sys.getitimer,       sys_getitimer);
  on(t, Sys.setitimer,       sys_setitimer);
  on(t, Sys.clock_gettime,   sys_clock_gettime);
  on(t, Sys.clock_getres,    sys_clock_getres);
  on(t, Sys.sched_yield,     sys_sched_yield);
  on(t, Sys.kill,            sys_kill);
  on(t, Sys.tkill,           sys_tkill);
  on(t, Sys.tgkill,          sys_tgkill);
  on(t, Sys.rt_sigsuspend,   sys_rt_sigsuspend);
  on(t, Sys.rt_sigaction,    sys_rt_sigaction);
  on(t, Sys.rt_sigprocmask,  sys_rt_sigprocmask);
  on(t, Sys.rt_sigpending,   sys_rt_sigpending);
  on(t, Sys.setpgid,         sys_setpgid);
  on(t, Sys.getpgid,         sys_getpgid);
  on(t, Sys.getsid,          sys_getsid);
  on(t, Sys.setsid,          sys_setsid);
  // LAB(syscall) BEGIN
  on(t, Sys.uname,           sys_uname);
  // LAB(syscall) ELSE
  // on(t, Sys.uname,           sys_ni_syscall);   // TODO(syscall): route uname to its handler
  // LAB(syscall) END
  on(t, Sys.getrlimit,       sys_getrlimit);
  on(t, Sys.setrlimit,       sys_setrlimit);
  on(t, Sys.getpid,          sys_getpid);
  on(t, Sys.getppid,         sys_getppid);
  on(t, Sys.socket,          sys_socket);
  on(t, Sys.socketpair,      sys_socketpair);
  on(t, Sys.bind,            sys_bind);
  on(t, Sys.listen,          sys_listen);
  on(t, Sys.accept,          sys_accept);
  on(t, Sys.connect,         sys_connect);
  on(t, Sys.getsockname,     sys_getsockname);
  on(t, Sys.getpeername,     sys_getpeername);
  on(t, Sys.sendto,          sys_sendto);
  on(t, Sys.recvfrom,        sys_recvfrom);
  on(t, Sys.setsockopt,      sys_setsockopt);
  on(t, Sys.getsockopt,      sys_getsockopt);
  on(t, Sys.shutdown,        sys_shutdown);
  on(t, Sys.sendmsg,         sys_sendmsg);
  on(t, Sys.recvmsg,         sys_recvmsg);
  on(t, Sys.brk,             sys_brk);
  on(t, Sys.munmap,          sys_munmap);
  on(t, Sys.mremap,          sys_mremap);
  on(t, Sys.clone,           sys_clone);
  on(t, Sys.execve,          sys_execve);
  on(t, Sys.mmap,            sys_mmap);
  on(t, Sys.fadvise64,       sys_fadvise64);
  on(t, Sys.mprotect,        sys_mprotect);
  on(t, Sys.msync,           sys_msync);
  on(t, Sys.mlock,           sys_mlock);
  on(t, Sys.munlock,         sys_munlock);
  on(t, Sys.mlockall,        sys_mlockall);
  on(t, Sys.munlockall,      sys_munlockall);
  on(t, Sys.mincore,         sys_mincore);
  on(t, Sys.madvise,         sys_madvise);
  on(t, Sys.wait4,           sys_wait4);
  on(t, Sys.prlimit64,       sys_prlimit64);
  on(t, Sys.getrandom,       sys_getrandom);
  on(t, Sys.copy_file_range, sys_ni_syscall);
  on(t, Sys.epoll_pwait2,    sys_epoll_pwait2);
}
linuxTable(linux);
