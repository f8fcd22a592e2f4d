// File leases (Linux's fcntl F_SETLEASE / F_GETLEASE, fs/locks.c). A lease on an open file asks the
// kernel to tell its holder, by a signal, before another open changes what the holder relies on: a
// read lease (F_RDLCK) conflicts with an open for writing (or truncating), a write lease (F_WRLCK)
// with any open. The opener, the breaker, signals the holder once (SIGIO, or the file's F_SETSIG
// signal with si_fd; trace Ev.leaseBreak, Stat.leaseBreaks), then sleeps (Wchan.break_lease) until
// the holder releases the lease (F_UNLCK, or the file's last close) or downgrades it (a write lease
// to F_RDLCK, when the breaker only reads), or until lease-break-time virtual seconds passed: then
// the kernel releases or downgrades it itself (Stat.leaseBreakTimeouts) and the breaker goes on.
// An O_NONBLOCK opener gets EWOULDBLOCK once the holder is signalled; a signal for the breaker ends
// its wait (EINTR, or a restart with SA_RESTART), as wait_event_interruptible_timeout does.
// An open waiting for a break counts as open (in Linux its file exists already): while a writer
// waits, the holder may only release; while a reader waits, it may not take a write lease again.
//
//   lease record (LEASE_SIZE = 48 bytes), NLEASE of them in a table in the kernel image
//   +------+-----+------+-------+-----+----+----------------+----------------+
//   | file | ino | type | flags | pid | fd | downAt (u64)   | breakAt (u64)  |
//   +------+-----+------+-------+-----+----+----------------+----------------+
//   file: the open file's index + 1 (0: a free slot); pid: the holder to signal (who set the lease,
//   Linux's f_owner); fd: the fd it was set through (si_fd); flags: UNLOCK_PENDING (a writer waits:
//   release by breakAt) and DOWNGRADE_PENDING (a reader waits: downgrade by downAt), Linux's
//   FL_UNLOCK_PENDING and FL_DOWNGRADE_PENDING with fl_break_time and fl_downgrade_time.
//
// Interface: leaseSet(p, file, fd, type) -> 0 or -errno (F_SETLEASE), leaseGet(file) -> the lease's
// type, read, write or unlocked (F_GETLEASE: the type the lease is being broken to while a break is pending),
// breakLease(p, ino, flags) -> 0, -EWOULDBLOCK or -ERESTARTSYS (it sleeps; open's hook),
// leaseFileClose(file) (the last close drops the file's lease), leaseChan(ino) and isLeaseChan(c)
// (the breakers' sleep channel), leaseBreakTime() and setLeaseBreakTime(sec).
import { Errno } from "./abi/errno";
import { Ev } from "./abi/trace";
import { Stat } from "./abi/layout";
import { Sig, SI_KERNEL, POLL_MSG } from "./abi/signals";
import { S_IFMT, S_IFREG } from "./abi/stat";
import { F_RDLCK, F_WRLCK, F_UNLCK, O_ACCMODE, O_RDONLY, O_NONBLOCK } from "./abi/fcntl";
import { NFILE, NLEASE, LEASE_BREAK_TIME } from "./param";
import { Proc, procByPid } from "./proc";
import { File, fileAt, FT_INODE } from "./file";
import { iMode } from "./fs";
import { sleepOn, sleepersOn, wakeup } from "./sleep";
import { sendSignalFrom } from "./signal";
import { clockNow } from "./clock";
import { statAdd } from "./stats";
import { nextSeq, traceEmit } from "./trace";
import { panic } from "./panic";

const LEASE_SIZE: usize = 48;
const UNLOCK_PENDING: u32 = 1;      // a writer waits: the lease must go (F_GETLEASE says F_UNLCK)
const DOWNGRADE_PENDING: u32 = 2;   // a reader waits: a write lease must become a read lease
const LEASE_CHAN: u32 = 0xfa000000; // breakers of inode i sleep on LEASE_CHAN | i
const NS_PER_SEC: u64 = 1000000000;

@unmanaged class Lease {
  file: u32;       // open file index + 1 (0: free)
  ino: u32;
  type: u32;       // F_RDLCK or F_WRLCK
  flags: u32;      // UNLOCK_PENDING | DOWNGRADE_PENDING
  pid: u32;        // the holder: who is signalled
  fd: i32;         // si_fd of the signal
  downAt: u64;     // virtual ns: downgrade by then (0: no deadline)
  breakAt: u64;    // virtual ns: release by then (0: no deadline)
}

const table: usize = memory.data(<i32>(<usize>NLEASE * LEASE_SIZE), 8);
let breakTimeSec: u32 = LEASE_BREAK_TIME;
if (offsetof<Lease>() > LEASE_SIZE) panic("lease: Lease is larger than LEASE_SIZE");

@inline function leaseAt(i: i32): Lease { return changetype<Lease>(table + <usize>i * LEASE_SIZE); }
export function leaseChan(ino: u32): u32 { return LEASE_CHAN | (ino & 0xffffff); }
export function isLeaseChan(c: u32): bool { return (c & 0xff000000) == LEASE_CHAN; }
export function leaseBreakTime(): u32 { return breakTimeSec; }
export function setLeaseBreakTime(sec: u32): void { breakTimeSec = sec; }

function leaseOf(fi: i32): Lease | null {
  for (let i = 0; i < NLEASE; i++) if (leaseAt(i).file == <u32>fi + 1) return leaseAt(i);
  return null;
}

function anyLease(ino: u32): bool {
  for (let i = 0; i < NLEASE; i++) if (leaseAt(i).file != 0 && leaseAt(i).ino == ino) return true;
  return false;
}

// --- F_SETLEASE, F_GETLEASE

// Linux lets the file's owner or a process with CAP_LEASE take a lease (else EACCES). wasmos has no
// users yet: every process runs as root, which has CAP_LEASE, so the check always passes.
function mayLease(p: Proc, ino: u32): bool { return true; }

export function leaseSet(p: Proc, fi: i32, fd: i32, type: i64): i64 {
  if (type != F_RDLCK && type != F_WRLCK && type != F_UNLCK) return -Errno.EINVAL;
  const f = fileAt(fi);
  if (f.type == FT_INODE && !mayLease(p, f.ino)) return -Errno.EACCES;
  if (f.type != FT_INODE || (iMode(f.ino) & S_IFMT) != S_IFREG) return -Errno.EINVAL;   // only regular files
  timeOutLeases(f.ino);
  const l = leaseOf(fi);
  if (type == F_UNLCK) {
    if (!l) return -Errno.EAGAIN;                      // no lease to drop (generic_delete_lease)
    leaseModify(l, F_UNLCK);
    return 0;
  }
  return leaseAdd(p, f, fi, fd, <u32>type, l);
}

// Take a lease, or change the one this open file holds (generic_add_lease).
function leaseAdd(p: Proc, f: File, fi: i32, fd: i32, type: u32, mine: Lease | null): i64 {
  if (openConflict(fi, f.ino, type)) return -Errno.EAGAIN;
  if (mine && sleepersOn(leaseChan(f.ino)) > 0 && (type == F_WRLCK || (mine.flags & UNLOCK_PENDING))) return -Errno.EAGAIN;  // a waiting breaker's open counts
  for (let i = 0; i < NLEASE; i++) {
    const o = leaseAt(i);
    if (o.file == 0 || o.ino != f.ino || o.file == <u32>fi + 1) continue;
    if (type == F_WRLCK || (o.flags & UNLOCK_PENDING)) return -Errno.EAGAIN;   // someone else's lease
  }
  let l = mine;
  if (l) leaseModify(l, type);
  else {
    l = freeSlot();
    if (!l) return -Errno.ENOMEM;                    // the table is full (Linux: lease_alloc fails)
    l.file = <u32>fi + 1; l.ino = f.ino; l.type = type; l.flags = 0; l.downAt = 0; l.breakAt = 0;
  }
  l.pid = p.pid; l.fd = fd;                           // each F_SETLEASE makes the caller the one signalled
  return 0;
}

function freeSlot(): Lease | null {
  for (let i = 0; i < NLEASE; i++) if (leaseAt(i).file == 0) return leaseAt(i);
  return null;
}

// check_conflicting_open: a read lease needs the file open for writing nowhere (not even through the
// caller's other fds); a write lease needs no open file but the caller's.
function openConflict(fi: i32, ino: u32, type: u32): bool {
  for (let i = 0; i < NFILE; i++) {
    const f = fileAt(i);
    if (f.ref == 0 || f.type != FT_INODE || f.ino != ino) continue;
    if (type == F_RDLCK && (f.flags & O_ACCMODE) != O_RDONLY) return true;
    if (type == F_WRLCK && i != fi) return true;
  }
  return false;
}

export function leaseGet(fi: i32): i64 {
  const f = fileAt(fi);
  if (f.type == FT_INODE) timeOutLeases(f.ino);
  const l = leaseOf(fi);
  if (!l) return F_UNLCK;
  if (l.flags & UNLOCK_PENDING) return F_UNLCK;        // target_leasetype
  if (l.flags & DOWNGRADE_PENDING) return F_RDLCK;
  return l.type;
}

// lease_modify: the lease becomes `type`, its pending break settled as far as that goes; F_UNLCK
// removes it and resets the file's F_SETSIG signal, as Linux does. Breakers look again.
function leaseModify(l: Lease, type: u32): void {
  if (type == F_UNLCK) {
    fileAt(<i32>l.file - 1).sigio = 0;
    l.file = 0; l.flags = 0;
  } else {
    l.type = type;
    l.flags &= ~DOWNGRADE_PENDING;
  }
  wakeup(leaseChan(l.ino));
}

export function leaseFileClose(fi: i32): void {
  const l = leaseOf(fi);
  if (l) leaseModify(l, F_UNLCK);
}

// time_out_leases: a holder past its deadline loses the lease (or its write half) by force.
function timeOutLeases(ino: u32): void {
  const now = clockNow();
  for (let i = 0; i < NLEASE; i++) {
    const l = leaseAt(i);
    if (l.file == 0 || l.ino != ino) continue;
    const down = (l.flags & DOWNGRADE_PENDING) != 0 && l.downAt != 0 && l.downAt <= now;
    const gone = (l.flags & UNLOCK_PENDING) != 0 && l.breakAt != 0 && l.breakAt <= now;
    if (down || gone) statAdd(Stat.leaseBreakTimeouts, 1);
    if (down) leaseModify(l, F_RDLCK);
    if (gone) leaseModify(l, F_UNLCK);
  }
}

// --- Breaking (__break_lease)

// A lease that the open (for writing: `write`) conflicts with: a write lease always, a read lease
// only when the opener writes.
@inline function conflicts(l: Lease, ino: u32, write: bool): bool {
  return l.file != 0 && l.ino == ino && (write || l.type == F_WRLCK);
}

// An open of `ino` with `flags` by `p`: go on (0), or wait for the leases it breaks to be released
// (the deadline in p.wakeAt; sys_openat clears it when the call ends).
export function breakLease(p: Proc, ino: u32, flags: u32): i64 {
  if (!anyLease(ino)) return 0;
  timeOutLeases(ino);
  const write = (flags & O_ACCMODE) != O_RDONLY;
  const until = signalHolders(ino, write);
  if (until == U64.MAX_VALUE) return 0;                  // nothing conflicts (any more)
  if (flags & O_NONBLOCK) return -Errno.EAGAIN;           // EWOULDBLOCK
  p.wakeAt = until;                                       // 0: lease-break-time 0, no deadline
  return sleepOn(p, leaseChan(ino));
}

// Signal the holders of the conflicting leases not yet being broken; the earliest deadline of all
// the conflicting leases (U64.MAX_VALUE: none conflicts).
function signalHolders(ino: u32, write: bool): u64 {
  const deadline = breakTimeSec == 0 ? 0 : clockNow() + <u64>breakTimeSec * NS_PER_SEC;
  let until = U64.MAX_VALUE;
  for (let i = 0; i < NLEASE; i++) {
    const l = leaseAt(i);
    if (!conflicts(l, ino, write)) continue;
    if (write && !(l.flags & UNLOCK_PENDING)) { l.flags |= UNLOCK_PENDING; l.breakAt = deadline; leaseSignal(l); }
    else if (!write && l.flags == 0) { l.flags |= DOWNGRADE_PENDING; l.downAt = deadline; leaseSignal(l); }
    const t = (l.flags & UNLOCK_PENDING) ? l.breakAt : l.downAt;
    if (t < until) until = t;
  }
  return until;
}

// lease_break_callback: kill_fasync(SIGIO, POLL_MSG) to the holder. With no F_SETSIG signal it is a
// plain SIGIO from the kernel; with one, that signal with si_code POLL_MSG and si_fd.
function leaseSignal(l: Lease): void {
  const signum = <i32>fileAt(<i32>l.file - 1).sigio;
  const sig = signum != 0 ? signum : Sig.SIGIO;
  statAdd(Stat.leaseBreaks, 1);
  traceEmit(nextSeq(), Ev.leaseBreak, <u32>sig, l.pid, l.ino, 0, 0, 0, 0);
  const h = procByPid(l.pid);
  if (!h) return;                                      // the holder is gone: nobody to tell
  if (signum == 0) sendSignalFrom(h, Sig.SIGIO, SI_KERNEL, 0);
  else sendSignalFrom(h, sig, POLL_MSG, 0, l.fd);
}
