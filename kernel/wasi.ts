// WASI preview 1 entry: the second personality. The translator turns every import
// wasi_snapshot_preview1.NAME of a guest into a function that calls kernel.wasi(number, a0..a8)
// (numbers and signatures: abi/wasi.ts); this is that entry. Like kernel.syscall (syscall.ts) it
// is one kernel entry per call: two mode switches, the entry cost, trace at entry and exit,
// per-call statistics (at WASI_BASE + number), sleeping by kernel/sleep.ts's protocol; it dispatches
// through its own table (number -> handler) to handlers in wasifd.ts, wasipath.ts and wasiproc.ts,
// each built over the Linux handlers and kernel functions. Handlers return 0 (or more) on success,
// -errno (Linux's; -ERESTARTSYS: it sleeps) or -(WASI_DIRECT + e) for a WASI-only errno; the entry
// returns the WASI errno (abi/wasi.ts wasiErrnoOf).
// path_open's nine arguments do not fit the trace record's seven: its rights (ignored) are left out.
// Interface: wasi (exported to guests as kernel.wasi).
import { loDrain } from "./net/loopback";
import { Errno } from "./abi/errno";
import { WASI_BASE } from "./abi/syscalls";
import { Wasi, NWASI, WasiErrno, WASI_DIRECT, wasiErrnoOf } from "./abi/wasi";
import { curProc } from "./cpu";
import { Proc } from "./proc";
import { callEntry, keptValue, leaveCall, RESTART_NONE, RESTART_RETURN } from "./sleep";
import { setCurSys } from "./stats";
import { setCause } from "./trace";
import { hostUnwind } from "./host";
import { enterCall, finishCall } from "./entry";
import { sigInterrupt } from "./signal";
import { panic } from "./panic";
import { wasi_fd_advise, wasi_fd_allocate, wasi_fd_close, wasi_fd_datasync, wasi_fd_fdstat_get,
  wasi_fd_fdstat_set_flags, wasi_fd_fdstat_set_rights, wasi_fd_filestat_get, wasi_fd_filestat_set_size,
  wasi_fd_pread, wasi_fd_prestat_get, wasi_fd_prestat_dir_name, wasi_fd_pwrite, wasi_fd_read,
  wasi_fd_readdir, wasi_fd_renumber, wasi_fd_seek, wasi_fd_sync, wasi_fd_tell, wasi_fd_write,
  wasi_sock_accept, wasi_sock_recv, wasi_sock_send, wasi_sock_shutdown } from "./wasifd";
import { wasi_path_create_directory, wasi_path_filestat_get, wasi_path_open, wasi_path_remove_directory,
  wasi_path_rename, wasi_path_unlink_file, wasi_path_symlink, wasi_path_readlink, wasi_path_link,
  wasi_path_filestat_set_times, wasi_fd_filestat_set_times } from "./wasipath";
import { wasi_args_get, wasi_args_sizes_get, wasi_environ_get, wasi_environ_sizes_get, wasi_clock_res_get,
  wasi_clock_time_get, wasi_poll_oneoff, wasi_proc_exit, wasi_proc_raise, wasi_sched_yield,
  wasi_random_get } from "./wasiproc";

export function wasi(n: i32, a0: i64, a1: i64, a2: i64, a3: i64, a4: i64, a5: i64, a6: i64, a7: i64, a8: i64): i32 {
  const p = curProc();
  const nr = <u32>n < <u32>NWASI ? WASI_BASE + n : -1;
  const how = callEntry(p);
  if (how == RESTART_RETURN) return finish(p, nr, keptValue(p));
  if (how == RESTART_NONE) {
    if (n == Wasi.path_open) enterCall(p, nr, a0, a1, a2, a3, a4, a7, a8);
    else enterCall(p, nr, a0, a1, a2, a3, a4, a5, a6);
  }
  setCurSys(nr); setCause(p.sysSeq);
  const r = sigInterrupt(p, nr < 0 ? -Errno.ENOSYS : dispatch(n, a0, a1, a2, a3, a4, a5, a6, a7, a8), true);
  const unwind = leaveCall(p, r);            // (a sleep is recorded before the loopback can end it)
  loDrain();                                 // segments this call sent to 127.0.0.1 arrive
  setCurSys(-1); setCause(0);
  if (unwind) { hostUnwind(); return 0; }
  return finish(p, nr, r);
}

function finish(p: Proc, nr: i32, r: i64): i32 {
  const e = errnoOf(r);
  return <i32>finishCall(p, nr, e, e != WasiErrno.SUCCESS);
}

// A handler's result as a WASI errno.
function errnoOf(r: i64): i32 {
  if (r >= 0) return WasiErrno.SUCCESS;
  if (r <= -<i64>WASI_DIRECT) return <i32>(-r - <i64>WASI_DIRECT);
  return wasiErrnoOf(<i32>-r);
}

// A WASI handler: its arguments widened to i64 (unused ones are 0), the result as above.
type Handler = (a0: i64, a1: i64, a2: i64, a3: i64, a4: i64, a5: i64, a6: i64, a7: i64, a8: i64) => i64;

const table: usize = memory.data(NWASI * sizeof<usize>());

function dispatch(n: i32, a0: i64, a1: i64, a2: i64, a3: i64, a4: i64, a5: i64, a6: i64, a7: i64, a8: i64): i64 {
  const h = load<usize>(table + (<usize>n << alignof<usize>()));
  return changetype<Handler>(h)(a0, a1, a2, a3, a4, a5, a6, a7, a8);
}

function on(n: Wasi, h: Handler): void {
  const slot = table + (<usize>n << alignof<usize>());
  if (<u32>n >= <u32>NWASI || load<usize>(slot) != 0) panic("wasi table: a number twice or too big");
  store<usize>(slot, changetype<usize>(h));
}

// One line per WASI function, every name of Wasi (tests/wasi.table.test.ts checks both ways).
function wasiTable(): void {
  on(Wasi.args_get,                wasi_args_get);
  on(Wasi.args_sizes_get,          wasi_args_sizes_get);
  on(Wasi.environ_get,             wasi_environ_get);
  on(Wasi.environ_sizes_get,       wasi_environ_sizes_get);
  on(Wasi.clock_res_get,           wasi_clock_res_get);
  on(Wasi.clock_time_get,          wasi_clock_time_get);
  on(Wasi.fd_advise,               wasi_fd_advise);
  on(Wasi.fd_allocate,             wasi_fd_allocate);
  on(Wasi.fd_close,                wasi_fd_close);
  on(Wasi.fd_datasync,             wasi_fd_datasync);
  on(Wasi.fd_fdstat_get,           wasi_fd_fdstat_get);
  on(Wasi.fd_fdstat_set_flags,     wasi_fd_fdstat_set_flags);
  on(Wasi.fd_fdstat_set_rights,    wasi_fd_fdstat_set_rights);
  on(Wasi.fd_filestat_get,         wasi_fd_filestat_get);
  on(Wasi.fd_filestat_set_size,    wasi_fd_filestat_set_size);
  on(Wasi.fd_filestat_set_times,   wasi_fd_filestat_set_times);
  on(Wasi.fd_pread,                wasi_fd_pread);
  on(Wasi.fd_prestat_get,          wasi_fd_prestat_get);
  on(Wasi.fd_prestat_dir_name,     wasi_fd_prestat_dir_name);
  on(Wasi.fd_pwrite,               wasi_fd_pwrite);
  on(Wasi.fd_read,                 wasi_fd_read);
  on(Wasi.fd_readdir,              wasi_fd_readdir);
  on(Wasi.fd_renumber,             wasi_fd_renumber);
  on(Wasi.fd_seek,                 wasi_fd_seek);
  on(Wasi.fd_sync,                 wasi_fd_sync);
  on(Wasi.fd_tell,                 wasi_fd_tell);
  on(Wasi.fd_write,                wasi_fd_write);
  on(Wasi.path_create_directory,   wasi_path_create_directory);
  on(Wasi.path_filestat_get,       wasi_path_filestat_get);
  on(Wasi.path_filestat_set_times, wasi_path_filestat_set_times);
  on(Wasi.path_link,               wasi_path_link);
  on(Wasi.path_open,               wasi_path_open);
  on(Wasi.path_readlink,           wasi_path_readlink);
  on(Wasi.path_remove_directory,   wasi_path_remove_directory);
  on(Wasi.path_rename,             wasi_path_rename);
  on(Wasi.path_symlink,            wasi_path_symlink);
  on(Wasi.path_unlink_file,        wasi_path_unlink_file);
  on(Wasi.poll_oneoff,             wasi_poll_oneoff);
  on(Wasi.proc_exit,               wasi_proc_exit);
  on(Wasi.proc_raise,              wasi_proc_raise);
  on(Wasi.sched_yield,             wasi_sched_yield);
  on(Wasi.random_get,              wasi_random_get);
  on(Wasi.sock_accept,             wasi_sock_accept);
  on(Wasi.sock_recv,               wasi_sock_recv);
  on(Wasi.sock_send,               wasi_sock_send);
  on(Wasi.sock_shutdown,           wasi_sock_shutdown);
}
wasiTable();
