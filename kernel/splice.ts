// pipe2, splice, tee, vmsplice: moving references to pages instead of bytes (Linux's
// splice_to_pipe / splice_from_pipe). file -> pipe puts page-cache frames into the slots (no copy);
// pipe -> socket hands the slots' frames to the socket as fragments (no CPU copy when the NIC can
// gather); pipe -> file copies into the page cache (one CPU copy, as Linux); socket -> pipe moves
// received payload frames; pipe -> pipe moves slots; tee duplicates slot references; vmsplice puts
// the user's own pages in (the program must not change them while the pipe holds them).
// Interface: the table's entries (syscall.ts, each (a0..a5) -> result or -errno): sys_pipe2,
// sys_splice, sys_tee, sys_vmsplice; spliceDirect (sendfile); isPipeCmd, pipeFcntl (fcntl).
import { RW_CHUNK } from "./param";
import { Errno } from "./abi/errno";
import { Sig } from "./abi/signals";
import { Ev, Routine, Place } from "./abi/trace";
import { NetFeature } from "./abi/net";
import { Owner, PAGE_MASK, PAGE_SHIFT, PAGE_SIZE } from "./abi/layout";
import { curProc } from "./cpu";
import { Proc } from "./proc";
import { sendSignal } from "./signal";
import { sleepOn, progress, keepProgress } from "./sleep";
import { kget, kput, pa } from "./kalloc";
import { allocFrame, pcGet, pcGetNew, pcDirty } from "./pagecache";
import { GFP_NOZERO } from "./oom";
import { raGet, raDone } from "./readahead";
import { copyFromUser, copyToUser, userPhys, countCopy } from "./copy";
import { nextSeq, traceEmit } from "./trace";
import { fdGet, fdAlloc, fdClear, fileAlloc, fileAt, fileClose, File, FT_PIPE, FT_INODE, FT_SOCKET, FT_CONSOLE, O_ACCMODE, O_RDONLY, O_WRONLY, O_APPEND } from "./file";
import { isDir } from "./dir";
import { iSize, iSetSize, iTouch, T_MTIME, T_CTIME } from "./fs";
import { fsBlockOf, BLOCK_BAD } from "./bmap";
import { writeCheck, isizeExtending } from "./inode";
import { Pipe, pipeRead, pipeAlloc, pipeAt, pipeChan, pipeFull, slotAt, pushSlot, consume, pipeSetSize, pipeSize, pipeClose, SLOT_GIFT, SLOT_CAN_MERGE } from "./pipe";
import { Sock, sockAt, sockChan, sfragPush, rfrag, NFRAG, sndSpace, CLOSED, LISTEN } from "./net/sock";
import { sendRoom, sockMemRoom } from "./net/skmem";
import { tcpOutput, tcpPush, tcpMore, rcvWindow, windowUpdate } from "./net/tcp";
import { sendCheck, sendOpen } from "./net/syssock";
import { nicFeatures } from "./net/nic";
import { ttyWriteKernel } from "./console";
import { u32arg, fdArg } from "./sysarg";

import { O_NONBLOCK, O_CLOEXEC, SPLICE_F_MOVE, SPLICE_F_NONBLOCK, SPLICE_F_MORE, SPLICE_F_GIFT, F_SETPIPE_SZ, F_GETPIPE_SZ } from "./abi/fcntl";
import { MAX_RW_COUNT, IOV_MAX } from "./abi/uio";
const kb: usize = memory.data(16);

// The table's entries (syscall.ts): the six raw arguments in, narrowed and checked here.
export function sys_pipe2(a0: i64, a1: i64, a2: i64, a3: i64, a4: i64, a5: i64): i64 {
  return sysPipe2(curProc(), u32arg(a0), <u32>a1);
}
export function sys_splice(a0: i64, a1: i64, a2: i64, a3: i64, a4: i64, a5: i64): i64 {
  return sysSpliceCall(curProc(), fdArg(a0), u32arg(a1), fdArg(a2), u32arg(a3), a4, <u32>a5);
}
export function sys_tee(a0: i64, a1: i64, a2: i64, a3: i64, a4: i64, a5: i64): i64 {
  return sysTee(curProc(), fdArg(a0), fdArg(a1), a2, <u32>a3);
}
export function sys_vmsplice(a0: i64, a1: i64, a2: i64, a3: i64, a4: i64, a5: i64): i64 {
  return sysVmsplice(curProc(), fdArg(a0), u32arg(a1), <u32>a2, <u32>a3);
}

// fcntl's pipe commands: isPipeCmd(cmd) says whether pipeFcntl is the one to ask (sysfile's fcntl).
export function isPipeCmd(cmd: i32): bool { return cmd == F_SETPIPE_SZ || cmd == F_GETPIPE_SZ; }
export function pipeFcntl(f: File, cmd: i32, arg: i64): i64 {
  if (f.type != FT_PIPE) return -Errno.EBADF;
  return cmd == F_GETPIPE_SZ ? pipeSize(<i32>f.pipe) : pipeSetSize(<i32>f.pipe, arg);
}

function sysPipe2(p: Proc, fds: u32, flags: u32): i64 {
  if (flags & ~(O_NONBLOCK | O_CLOEXEC)) return -Errno.EINVAL;
  const i = pipeAlloc();
  if (i < 0) return i == -2 ? -Errno.ENOMEM : -Errno.ENFILE;
  const r = fileAlloc(FT_PIPE, O_RDONLY | (flags & O_NONBLOCK)), w = fileAlloc(FT_PIPE, O_WRONLY | (flags & O_NONBLOCK));
  if (r < 0 || w < 0) { if (r >= 0) fileClose(r); else pipeAt(i).readers--; if (w >= 0) fileClose(w); else pipeAt(i).writers--; return -Errno.ENFILE; }
  fileAt(r).pipe = <u32>i; fileAt(w).pipe = <u32>i;
  const cloexec = (flags & O_CLOEXEC) != 0;
  const rfd = fdAlloc(p, r, cloexec);
  if (rfd < 0) { fileClose(r); fileClose(w); return rfd; }
  const wfd = fdAlloc(p, w, cloexec);
  if (wfd < 0) { fdClear(p, rfd); fileClose(w); fileClose(r); return wfd; }
  store<i32>(kb, rfd); store<i32>(kb + 4, wfd);
  if (copyToUser(p, fds, kb, 8) < 0) {           // as Linux: nothing stays open
    fdClear(p, rfd); fdClear(p, wfd); fileClose(r); fileClose(w);
    return -Errno.EFAULT;
  }
  return 0;
}

function isPipe(f: File): bool { return f.type == FT_PIPE; }
const SPLICE_F_ALL: u32 = SPLICE_F_MOVE | SPLICE_F_NONBLOCK | SPLICE_F_MORE | SPLICE_F_GIFT;

function sysSpliceCall(p: Proc, fin: i32, offIn: u32, fout: i32, offOut: u32, len: i64, flags: u32): i64 {
  const a = fdGet(p, fin), b = fdGet(p, fout);
  if (a < 0 || b < 0) return -Errno.EBADF;
  const i = fileAt(a), o = fileAt(b);
  if ((i.flags & O_ACCMODE) == O_WRONLY || (o.flags & O_ACCMODE) == O_RDONLY) return -Errno.EBADF;
  if (flags & ~SPLICE_F_ALL) return -Errno.EINVAL;
  if (!isPipe(i) && !isPipe(o)) return -Errno.EINVAL;
  if ((isPipe(i) && offIn != 0) || (isPipe(o) && offOut != 0)) return -Errno.ESPIPE;
  if (len < 0) return -Errno.EINVAL;
  if (len == 0) return 0;
  const n = <u32>min(len, MAX_RW_COUNT);
  const nb = (flags & SPLICE_F_NONBLOCK) != 0;
  if (isPipe(i) && isPipe(o)) return pipeToPipe(p, <i32>i.pipe, <i32>o.pipe, n, nb || (i.flags & O_NONBLOCK) != 0, false);
  if (isPipe(o)) {
    if (i.type == FT_INODE) return fileToPipe(p, i, offIn, <i32>o.pipe, n, nb || (o.flags & O_NONBLOCK) != 0);
    if (i.type == FT_SOCKET) return sockToPipe(p, <i32>i.sock, <i32>o.pipe, n, nb || (i.flags & O_NONBLOCK) != 0);
    return -Errno.EINVAL;
  }
  const pi = <i32>i.pipe;
  const pnb = nb || (i.flags & O_NONBLOCK) != 0;
  if (o.type == FT_SOCKET) return pipeToSock(p, pi, <i32>o.sock, n, pnb, !pnb && (o.flags & O_NONBLOCK) == 0, (flags & SPLICE_F_MORE) != 0);
  if (o.type == FT_INODE) return (o.flags & O_APPEND) != 0 ? -Errno.EINVAL : pipeToFile(p, pi, o, offOut, n, pnb);   // Linux: no splice to O_APPEND
  if (o.type == FT_CONSOLE) return pipeToConsole(p, pi, o.ino, n, pnb);
  return -Errno.EINVAL;
}

// An empty pipe: 0 at end of file (no writer), EAGAIN, or sleep until data comes.
function waitData(p: Proc, pi: i32, nb: bool): i64 {
  const pp = pipeAt(pi);
  if (pp.writers == 0) return 0;
  if (nb) return -Errno.EAGAIN;
  return sleepOn(p, pipeChan(pi));
}

// No reader left: EPIPE and SIGPIPE, as write() (Linux: splice_to_pipe, splice_pipe_to_pipe, link_pipe).
function noReader(p: Proc, pi: i32): bool {
  if (pipeAt(pi).readers != 0) return false;
  sendSignal(p, Sig.SIGPIPE);
  return true;
}

function waitRoom(p: Proc, pi: i32, nb: bool): i64 {
  if (noReader(p, pi)) return -Errno.EPIPE;
  if (nb) return -Errno.EAGAIN;
  return sleepOn(p, pipeChan(pi));
}

function getOff(p: Proc, f: File, va: u32): i64 {
  if (va == 0) return <i64>f.offset;
  if (copyFromUser(p, kb, va, 8) < 0) return -Errno.EFAULT;
  return load<i64>(kb);
}

function putOff(p: Proc, f: File, va: u32, off: u64): i64 {
  if (va == 0) { f.offset = off; return 0; }
  store<u64>(kb, off);
  return copyToUser(p, va, kb, 8) < 0 ? -Errno.EFAULT : 0;
}

// file -> pipe: page-cache frames by reference (splice_to_pipe): no copy.
function fileToPipe(p: Proc, f: File, offVa: u32, pi: i32, n: u32, nb: bool): i64 {
  if (isDir(f.ino)) return -Errno.EISDIR;
  const off = getOff(p, f, offVa);
  if (off < 0) return off == -Errno.EFAULT ? off : -Errno.EINVAL;
  if (noReader(p, pi)) return -Errno.EPIPE;
  const size = iSize(f.ino);
  if (<u64>off >= size) return 0;
  const pp = pipeAt(pi);
  if (pipeFull(pp)) return waitRoom(p, pi, nb);
  let done: u32 = 0;
  const want = <u32>min(<u64>n, size - <u64>off);
  const last = <u32>((<u64>off + want - 1) >>> PAGE_SHIFT);
  while (done < want && !pipeFull(pp)) {
    const pos = <u64>off + done;
    const o = <u32>(pos & <u64>~PAGE_MASK);
    const chunk = min(want - done, PAGE_SIZE - o);
    const pg = raGet(f, <u32>(pos >>> PAGE_SHIFT), last);
    if (pg == 0) { if (done == 0) return -Errno.EIO; break; }
    // LAB(zerocopy) BEGIN
    kget(pg);
    pushSlot(pi, pg, o, chunk, 0);
    traceEmit(nextSeq(), Ev.sgHandoff, 1, pg, o, chunk, 0, 0, 0);
    // LAB(zerocopy) ELSE
    // const cp = allocFrame(Owner.pipe);   // TODO(zerocopy): put a reference to the page-cache page in the slot, not a copy
    // if (cp == 0) { if (done == 0) return -Errno.ENOMEM; break; }
    // memory.copy(pa(cp) + o, pa(pg) + o, chunk);
    // countCopy(Routine.pagecache_copy, <u64>(pa(pg) + o), <u64>(pa(cp) + o), chunk, Place.frame, Place.frame);
    // pushSlot(pi, cp, o, chunk, 0);
    // LAB(zerocopy) END
    done += chunk;
  }
  if (done > 0) { raDone(f, <u32>((<u64>off + done - 1) >>> PAGE_SHIFT)); iTouch(f.ino, T_MTIME | T_CTIME); }
  const r = putOff(p, f, offVa, <u64>off + done);
  return r < 0 ? r : done;
}

// pipe -> socket (splice_from_pipe): slot frames become socket fragments; with no SG, copied.
// With `wait` (a blocking splice), everything asked for that the pipe holds goes out before it
// returns: a full socket puts the caller to sleep, and it goes on from where it was (progress).
// `more` (SPLICE_F_MORE): more data follows, so a partial last segment waits for it (tcpMore).
function pipeToSock(p: Proc, pi: i32, si: i32, n: u32, nb: bool, wait: bool = false, more: bool = false): i64 {
  const pp = pipeAt(pi);
  let done: u32 = wait ? progress(p) : 0;
  if (pp.head == pp.tail) return done > 0 ? <i64>done : waitData(p, pi, nb);
  const s = sockAt(si);
  if (done > 0 && !sendOpen(s)) return done;
  const c = sendCheck(p, s, 0);
  if (c < 0) return c;
  // LAB(zerocopy) BEGIN
  const sg = (nicFeatures() & NetFeature.sg) != 0;
  // LAB(zerocopy) ELSE
  // const sg = false;   // TODO(zerocopy): when the NIC can gather (NetFeature.sg), hand it the slot's page by reference
  // LAB(zerocopy) END
  let room = sendRoom(s, !sg);                     // (copies wait for the machine's socket memory too)
  if (room == 0 && done == 0) {                   // the socket's buffer is full: wait for ACKs
    if (nb) return -Errno.EAGAIN;
    return sleepOn(p, sockChan(si));
  }
  while (done < n && room > 0 && pp.head != pp.tail && s.sTail - s.sHead < NFRAG - 1) {
    if (!sg && !sockMemRoom(s)) break;
    const sl = slotAt(pp, pp.tail);
    const chunk = min(min(n - done, sl.len), room);
    room -= chunk;
    let pfn = sl.pfn, off = sl.off;
    if (sg) { kget(pfn); traceEmit(nextSeq(), Ev.sgHandoff, 0, pfn, off, chunk, 0, 0, 0); }
    else {
      const f = allocFrame(Owner.socket, GFP_NOZERO);   // (only the chunk copied is ever sent)
      if (f == 0) break;
      memory.copy(pa(f), pa(pfn) + off, chunk);
      countCopy(Routine.pagecache_copy, <u64>(pa(pfn) + off), <u64>pa(f), chunk, Place.frame, Place.frame);
      pfn = f; off = 0;
    }
    sfragPush(s, pfn, off, chunk, 0);
    s.sndEnd += chunk;
    consume(pi, chunk);
    done += chunk;
  }
  tcpMore(si, more);                              // SPLICE_F_MORE is MSG_MORE
  tcpPush(si);
  if (wait && done < n && pp.head != pp.tail && sendRoom(s, !sg) == 0) {
    keepProgress(p, done);
    return sleepOn(p, sockChan(si));
  }
  return done;
}

// pipe -> file: one CPU copy into the page cache (Linux copies here too).
function pipeToFile(p: Proc, pi: i32, f: File, offVa: u32, n: u32, nb: bool): i64 {
  const pp = pipeAt(pi);
  if (pp.head == pp.tail) return waitData(p, pi, nb);
  const off = getOff(p, f, offVa);
  if (off < 0) return off == -Errno.EFAULT ? off : -Errno.EINVAL;
  const allowed = writeCheck(off, n);              // s_maxbytes: EFBIG, or a shorter write
  if (allowed <= 0) return allowed;
  n = <u32>allowed;
  if (<u64>off + n > iSize(f.ino)) isizeExtending(f.ino);
  let done: u32 = 0;
  while (done < n && pp.head != pp.tail) {
    const sl = slotAt(pp, pp.tail);
    const pos = <u64>off + done;
    const o = <u32>(pos & <u64>~PAGE_MASK);
    const chunk = min(min(n - done, sl.len), PAGE_SIZE - o);
    const index = <u32>(pos >>> PAGE_SHIFT);
    const had = fsBlockOf(f.ino, index, false);
    const blk = had != 0 ? had : fsBlockOf(f.ino, index, true);
    if (blk == 0 || blk == BLOCK_BAD) { if (done == 0) return blk == 0 ? -Errno.ENOSPC : -Errno.EIO; break; }
    const pg = had == 0 ? pcGetNew(f.ino, index) : pcGet(f.ino, index);
    if (pg == 0) { if (done == 0) return -Errno.EIO; break; }
    memory.copy(pa(pg) + o, pa(sl.pfn) + sl.off, chunk);
    countCopy(Routine.pagecache_copy, <u64>(pa(sl.pfn) + sl.off), <u64>(pa(pg) + o), chunk, Place.frame, Place.frame);
    pcDirty(pg);
    if (pos + chunk > iSize(f.ino)) iSetSize(f.ino, pos + chunk);
    consume(pi, chunk);
    done += chunk;
  }
  if (done > 0) { raDone(f, <u32>((<u64>off + done - 1) >>> PAGE_SHIFT)); iTouch(f.ino, T_MTIME | T_CTIME); }
  const r = putOff(p, f, offVa, <u64>off + done);
  return r < 0 ? r : done;
}

// pipe -> console: the tty copies the bytes (a CPU copy per slot piece).
function pipeToConsole(p: Proc, pi: i32, hostFd: u32, n: u32, nb: bool): i64 {
  const pp = pipeAt(pi);
  if (pp.head == pp.tail) return waitData(p, pi, nb);
  let done: u32 = 0;
  while (done < n && pp.head != pp.tail) {
    const sl = slotAt(pp, pp.tail);
    const chunk = min(n - done, sl.len);
    ttyWriteKernel(hostFd, pa(sl.pfn) + sl.off, chunk);
    consume(pi, chunk);
    done += chunk;
  }
  return done;
}

// socket -> pipe: received payload frames move into the slots (no copy).
function sockToPipe(p: Proc, si: i32, pi: i32, n: u32, nb: bool): i64 {
  const s = sockAt(si);
  const pp = pipeAt(pi);
  if (s.rcvBytes == 0) {                          // as recv: the end, a reset reported once, ENOTCONN
    if (s.peerFin) return 0;
    if (s.err) { const e = s.err; s.err = 0; return -<i64>e; }
    if (s.state == CLOSED || s.state == LISTEN) return s.state == LISTEN ? -Errno.ENOTCONN : 0;
    if (nb) return -Errno.EAGAIN;
    return sleepOn(p, sockChan(si));
  }
  if (noReader(p, pi)) return -Errno.EPIPE;
  if (pipeFull(pp)) return waitRoom(p, pi, nb);
  const before = rcvWindow(s);
  let done: u32 = 0;
  while (done < n && s.rHead != s.rTail && !pipeFull(pp)) {
    const fr = rfrag(s, s.rHead);
    const chunk = min(n - done, fr.len);
    kget(fr.pfn);
    pushSlot(pi, fr.pfn, fr.off, chunk, 0);
    if (chunk < fr.len) { fr.off += chunk; fr.len -= chunk; } else { kput(fr.pfn); s.rHead++; }
    s.rcvBytes -= chunk;
    done += chunk;
  }
  windowUpdate(si, before);
  return done;
}

// pipe -> pipe (splice moves slots) or tee (duplicates them, the source keeps its data).
function pipeToPipe(p: Proc, a: i32, b: i32, n: u32, nb: bool, dup: bool): i64 {
  if (a == b) return -Errno.EINVAL;
  const pa_ = pipeAt(a), pb = pipeAt(b);
  if (pa_.head == pa_.tail) return waitData(p, a, nb);
  if (noReader(p, b)) return -Errno.EPIPE;
  if (pipeFull(pb)) return waitRoom(p, b, nb);
  let done: u32 = 0;
  let k = pa_.tail;
  while (done < n && k != pa_.head && !pipeFull(pb)) {
    const sl = slotAt(pa_, k);
    const chunk = min(n - done, sl.len);
    kget(sl.pfn);
    pushSlot(b, sl.pfn, sl.off, chunk, sl.flags & ~SLOT_CAN_MERGE);
    done += chunk;
    if (dup) { k++; continue; }
    consume(a, chunk);
    k = pa_.tail;
  }
  return done;
}

function sysTee(p: Proc, fin: i32, fout: i32, len: i64, flags: u32): i64 {
  const a = fdGet(p, fin), b = fdGet(p, fout);
  if (a < 0 || b < 0) return -Errno.EBADF;
  if (flags & ~SPLICE_F_ALL) return -Errno.EINVAL;
  const i = fileAt(a), o = fileAt(b);
  if ((i.flags & O_ACCMODE) == O_WRONLY || (o.flags & O_ACCMODE) == O_RDONLY) return -Errno.EBADF;
  if (!isPipe(i) || !isPipe(o) || i.pipe == o.pipe) return -Errno.EINVAL;
  if (len <= 0) return len < 0 ? -Errno.EINVAL : 0;
  // Linux's do_tee: O_NONBLOCK on either end makes the call nonblocking.
  const nb = (flags & SPLICE_F_NONBLOCK) != 0 || ((i.flags | o.flags) & O_NONBLOCK) != 0;
  return pipeToPipe(p, <i32>i.pipe, <i32>o.pipe, <u32>min(len, MAX_RW_COUNT), nb, true);
}

// vmsplice on a pipe's read end (Linux's vmsplice_to_user): the pipe's bytes are copied out into
// the iovecs, as readv would; the first may wait for data (unless SPLICE_F_NONBLOCK: Linux looks at
// the flag only, not at O_NONBLOCK), the rest take what is there.
function vmspliceToUser(p: Proc, pi: i32, iov: u32, cnt: u32, nb: bool): i64 {
  let done: i64 = 0;
  for (let k: u32 = 0; k < cnt; k++) {
    if (copyFromUser(p, kb, iov + k * 8, 8) < 0) return done > 0 ? done : -Errno.EFAULT;
    const base = load<u32>(kb), len = load<u32>(kb + 4);
    if (len == 0) continue;
    const r = pipeRead(p, pi, base, len, nb || done > 0);
    if (r < 0) return done > 0 ? done : r;
    done += r;
    if (r < <i64>len) break;
  }
  return done;
}

// vmsplice: the user's pages go into the pipe by reference (pinned while the pipe holds them).
function sysVmsplice(p: Proc, fd: i32, iov: u32, cnt: u32, flags: u32): i64 {
  const fi = fdGet(p, fd);
  if (fi < 0) return -Errno.EBADF;
  const f = fileAt(fi);
  if (!isPipe(f)) return -Errno.EBADF;
  if ((flags & ~SPLICE_F_ALL) != 0 || cnt > <u32>IOV_MAX) return -Errno.EINVAL;
  if ((f.flags & O_ACCMODE) == O_RDONLY) return vmspliceToUser(p, <i32>f.pipe, iov, cnt, (flags & SPLICE_F_NONBLOCK) != 0);
  const pi = <i32>f.pipe;
  const pp = pipeAt(pi);
  if (noReader(p, pi)) return -Errno.EPIPE;
  if (pipeFull(pp)) return waitRoom(p, pi, (flags & SPLICE_F_NONBLOCK) != 0 || (f.flags & O_NONBLOCK) != 0);
  let done: u32 = 0;
  for (let k: u32 = 0; k < cnt && !pipeFull(pp); k++) {
    if (copyFromUser(p, kb, iov + k * 8, 8) < 0) return done > 0 ? <i64>done : -Errno.EFAULT;
    const base = load<u32>(kb), len = load<u32>(kb + 4);
    let at: u32 = 0;
    while (at < len && !pipeFull(pp)) {
      const va = base + at;
      const chunk = min(len - at, PAGE_SIZE - (va & ~PAGE_MASK));
      const ph = userPhys(p, va, false);
      if (ph < 0) return done > 0 ? <i64>done : -Errno.EFAULT;
      const pfn = <u32>(ph >>> PAGE_SHIFT);
      kget(pfn);
      pushSlot(pi, pfn, <u32>(ph & ~PAGE_MASK), chunk, (flags & SPLICE_F_GIFT) ? SLOT_GIFT : 0);
      traceEmit(nextSeq(), Ev.sgHandoff, 2, pfn, <u64>(ph & ~PAGE_MASK), chunk, 0, 0, 0);
      at += chunk; done += chunk;
    }
    if (at < len) break;
  }
  return done;
}


// sendfile's engine (Linux's do_splice_direct): file -> an internal pipe (page references), then
// pipe -> the output (socket fragments, the page cache, or the console). Returns bytes delivered;
// pages spliced in but not taken by the output are released with the pipe.
// A blocking sendfile to a socket moves all `n` bytes before it returns: when the socket is full it
// sleeps and goes on from where it was (progress), as Linux's does; a nonblocking one returns what
// went out. Every piece but the last of the call goes to a socket with SPLICE_F_MORE, as Linux's
// splice_direct_to_actor sets it while more is to come: a partial segment at a piece's end waits for
// the next piece instead of going out alone (a 256 MiB sendfile: 4,179 packets, not 6,210). A piece
// cut short by the file's end is the last.
export function spliceDirect(p: Proc, fin: File, off: u64, fout: File, n: u32, nb: bool): i64 {
  const pi = pipeAlloc();
  if (pi < 0) return pi == -2 ? -Errno.ENOMEM : -Errno.ENFILE;
  let done: u32 = progress(p);
  let err: i64 = 0;
  if (fout.type != FT_SOCKET && n > RW_CHUNK) n = RW_CHUNK;   // a long transfer returns short (sockets sleep when full)
  while (done < n && p.killed == 0) {
    // Fill the pipe only with what the output can take now (a socket's free buffer), so a
    // restarted or repeated sendfile does not splice the same pages again and again.
    let want = n - done;
    if (fout.type == FT_SOCKET) {
      const si = <i32>fout.sock;
      const room = sndSpace(sockAt(si));
      if (room == 0 && done > 0) {
        if (nb || !sendOpen(sockAt(si))) break;
        pipeClose(pi, false); pipeClose(pi, true);
        keepProgress(p, done);
        return sleepOn(p, sockChan(si));
      }
      if (room > 0) want = min(want, room);
    }
    const save = fin.offset;
    fin.offset = off + done;                     // the internal pipe reads at the sendfile offset
    const got = fileToPipe(p, fin, 0, pi, want, true);
    fin.offset = save;
    if (got <= 0) { err = got; break; }
    const more = got == <i64>want && done + <u32>got < n;
    const put = toOutput(p, pi, fout, <u32>got, nb && done == 0, more);
    if (put <= 0) { err = put; break; }
    done += <u32>put;
    if (put < got) break;                        // the output is full: return what went out
  }
  pipeClose(pi, false);
  pipeClose(pi, true);                           // drops slots the output did not take
  return done > 0 ? <i64>done : err;
}

function toOutput(p: Proc, pi: i32, f: File, n: u32, nb: bool, more: bool): i64 {
  if (f.type == FT_SOCKET) return pipeToSock(p, pi, <i32>f.sock, n, nb, false, more);
  if (f.type == FT_INODE) return pipeToFile(p, pi, f, 0, n, nb);
  if (f.type == FT_CONSOLE) return pipeToConsole(p, pi, f.ino, n, nb);
  if (f.type == FT_PIPE) return pipeToPipe(p, pi, <i32>f.pipe, n, nb, false);
  return -Errno.EINVAL;
}
