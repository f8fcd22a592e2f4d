// Socket syscalls: socket, bind, listen, accept, connect, sendto, recvfrom, sendmsg, recvmsg,
// shutdown, getsockname, getpeername, setsockopt, getsockopt; and the data paths behind read/write
// on sockets and sendfile to a socket. Argument checking here; protocol work in tcp.ts.
// Interface: the table's entries (syscall.ts, each (a0..a5) -> result or -errno): sys_socket,
// sys_socketpair, sys_bind, sys_listen, sys_accept, sys_connect, sys_sendto, sys_recvfrom,
// sys_sendmsg, sys_recvmsg, sys_shutdown, sys_getsockname, sys_getpeername, sys_setsockopt,
// sys_getsockopt; sockSend/sockRecv (file.ts, splice.ts), sockClose, sendOpen and sendCheck
// (splice.ts's pipe -> socket path, which sendfile uses).
import { Errno } from "../abi/errno";
import { Sig } from "../abi/signals";
import { Owner, PAGE_MASK, PAGE_SHIFT, PAGE_SIZE } from "../abi/layout";
import { Ev, Routine, Place } from "../abi/trace";
import { GUEST_IP, HOST_IP, LOOPBACK_IP, EPHEMERAL_LOW, NetFeature } from "../abi/net";
import { curProc } from "../cpu";
import { Proc } from "../proc";
import { sendSignal } from "../signal";
import { sleepOn, progress, keepProgress } from "../sleep";
import { kget, kput, pa } from "../kalloc";
import { allocFrame } from "../pagecache";
import { GFP_NOZERO } from "../oom";
import { copyToUser, copyFromUser, userPhys } from "../copy";
import { nextSeq, traceEmit } from "../trace";
import { fdGet, fdAlloc, fdClear, fileAlloc, fileAt, fileClose, FT_SOCKET, FT_PACKET, FT_NONE } from "../file";
import { u32arg, fdArg } from "../sysarg";
import { Sock, sockAt, sockAlloc, sockFree, sockChan, sfragPush, rfrag, portInUse, NFRAG, NSOCK, ACCQ, ZC_COPIED,
  CLOSED, LISTEN, SYN_SENT, ESTABLISHED, CLOSE_WAIT } from "./sock";
import { tcpConnect, tcpOutput, tcpPush, tcpMore, tcpClose, tcpOrphan, tcpAbort, rcvWindow, windowUpdate } from "./tcp";
import { nicPresent, nicFeatures } from "./nic";
import { pktSetsockopt, pktSend } from "./pktpool";   // after tcp.ts: its top level needs nic.ts whole
import { be16, be32, put16, put32 } from "./ip";

import { AF_INET, AF_PACKET, SOCK_RAW, SOCK_STREAM, SOCK_TYPE_MASK, SOCK_MAX, SOCK_NONBLOCK, SOCK_CLOEXEC, MSG_PEEK, MSG_DONTWAIT, MSG_ERRQUEUE, MSG_NOSIGNAL, MSG_ZEROCOPY,
  MSG_MORE, MSG_WAITALL, SOL_SOCKET, SO_TYPE, SO_ERROR, SO_SNDBUF, SO_RCVBUF, SO_ZEROCOPY, IPPROTO_TCP, TCP_NODELAY,
  SOL_IP, IP_RECVERR,
  SO_EE_ORIGIN_ZEROCOPY } from "../abi/socket";
import { O_NONBLOCK, O_RDWR } from "../abi/fcntl";
import { IOV_MAX } from "../abi/uio";
import { sendRoom, sockMemOver, sockMemRoom } from "./skmem";
const kb: usize = memory.data(64);
let nextPort: u32 = EPHEMERAL_LOW;

// The table's entries (syscall.ts): the six raw arguments in, narrowed and checked here. Those
// on a socket fd check it first (sockFile) and pass the socket's index (sockOf).
export function sys_socket(a0: i64, a1: i64, a2: i64, a3: i64, a4: i64, a5: i64): i64 {
  return sysSocket(curProc(), <i32>a0, <i32>a1, <i32>a2);
}
export function sys_socketpair(a0: i64, a1: i64, a2: i64, a3: i64, a4: i64, a5: i64): i64 {
  return -Errno.EOPNOTSUPP;
}
export function sys_bind(a0: i64, a1: i64, a2: i64, a3: i64, a4: i64, a5: i64): i64 {
  const p = curProc(), fi = sockFile(p, a0);
  return fi < 0 ? fi : sysBind(p, sockOf(fi), u32arg(a1), <u32>a2);
}
export function sys_listen(a0: i64, a1: i64, a2: i64, a3: i64, a4: i64, a5: i64): i64 {
  const p = curProc(), fi = sockFile(p, a0);
  return fi < 0 ? fi : sysListen(sockOf(fi), <i32>a1);
}
export function sys_accept(a0: i64, a1: i64, a2: i64, a3: i64, a4: i64, a5: i64): i64 {
  const p = curProc(), fi = sockFile(p, a0);
  return fi < 0 ? fi : sysAccept(p, sockOf(fi), u32arg(a1), u32arg(a2), nonblock(fi));
}
export function sys_connect(a0: i64, a1: i64, a2: i64, a3: i64, a4: i64, a5: i64): i64 {
  const p = curProc(), fi = sockFile(p, a0);
  return fi < 0 ? fi : sysConnect(p, sockOf(fi), u32arg(a1), <u32>a2, nonblock(fi));
}
export function sys_sendto(a0: i64, a1: i64, a2: i64, a3: i64, a4: i64, a5: i64): i64 {
  const p = curProc(), pf = packetFile(p, a0);
  if (pf >= 0) return pktSend(p, pf, <u32>a3, nonblock(pf));
  const fi = sockFile(p, a0);
  return fi < 0 ? fi : sockSend(p, sockOf(fi), u32arg(a1), <u32>a2, <u32>a3, nonblock(fi));
}
export function sys_recvfrom(a0: i64, a1: i64, a2: i64, a3: i64, a4: i64, a5: i64): i64 {
  const p = curProc(), fi = sockFile(p, a0);
  return fi < 0 ? fi : sockRecv(p, sockOf(fi), u32arg(a1), <u32>a2, <u32>a3, nonblock(fi));
}
export function sys_sendmsg(a0: i64, a1: i64, a2: i64, a3: i64, a4: i64, a5: i64): i64 {
  const p = curProc(), fi = sockFile(p, a0);
  return fi < 0 ? fi : sysMsg(p, sockOf(fi), u32arg(a1), <u32>a2, nonblock(fi), true);
}
export function sys_recvmsg(a0: i64, a1: i64, a2: i64, a3: i64, a4: i64, a5: i64): i64 {
  const p = curProc(), fi = sockFile(p, a0);
  return fi < 0 ? fi : sysMsg(p, sockOf(fi), u32arg(a1), <u32>a2, nonblock(fi), false);
}
export function sys_shutdown(a0: i64, a1: i64, a2: i64, a3: i64, a4: i64, a5: i64): i64 {
  const p = curProc(), fi = sockFile(p, a0);
  return fi < 0 ? fi : sysShutdown(sockOf(fi), <i32>a1);
}
export function sys_getsockname(a0: i64, a1: i64, a2: i64, a3: i64, a4: i64, a5: i64): i64 {
  const p = curProc(), fi = sockFile(p, a0);
  if (fi < 0) return fi;
  const s = sockAt(sockOf(fi));
  return putAddr(p, u32arg(a1), u32arg(a2), localAddr(s), s.lport);
}
export function sys_getpeername(a0: i64, a1: i64, a2: i64, a3: i64, a4: i64, a5: i64): i64 {
  const p = curProc(), fi = sockFile(p, a0);
  if (fi < 0) return fi;
  const s = sockAt(sockOf(fi));
  if (s.state != ESTABLISHED && s.state != CLOSE_WAIT) return -Errno.ENOTCONN;
  return putAddr(p, u32arg(a1), u32arg(a2), s.raddr, s.rport);
}
export function sys_setsockopt(a0: i64, a1: i64, a2: i64, a3: i64, a4: i64, a5: i64): i64 {
  const p = curProc(), pf = packetFile(p, a0);
  if (pf >= 0) return pktSetsockopt(p, pf, <i32>a1, <i32>a2, u32arg(a3), <u32>a4);
  const fi = sockFile(p, a0);
  return fi < 0 ? fi : sysSetsockopt(p, sockOf(fi), <i32>a1, <i32>a2, u32arg(a3), <u32>a4);
}
export function sys_getsockopt(a0: i64, a1: i64, a2: i64, a3: i64, a4: i64, a5: i64): i64 {
  const p = curProc(), fi = sockFile(p, a0);
  return fi < 0 ? fi : sysGetsockopt(p, sockOf(fi), <i32>a1, <i32>a2, u32arg(a3), u32arg(a4));
}

// The open socket file behind fd `a`, or -EBADF (no such fd) / -ENOTSOCK (not a socket).
function sockFile(p: Proc, a: i64): i32 {
  const fi = fdGet(p, fdArg(a));
  if (fi < 0) return -Errno.EBADF;
  return fileAt(fi).type == FT_SOCKET ? fi : -Errno.ENOTSOCK;
}
function sockOf(fi: i32): i32 { return <i32>fileAt(fi).sock; }
// The open AF_PACKET file behind fd `a` (pktpool.ts), or -1.
function packetFile(p: Proc, a: i64): i32 {
  const fi = fdGet(p, fdArg(a));
  return fi >= 0 && fileAt(fi).type == FT_PACKET ? fi : -1;
}
function nonblock(fi: i32): bool { return (fileAt(fi).flags & O_NONBLOCK) != 0; }

// As Linux's __sys_socket and __sock_create: flags other than SOCK_NONBLOCK and SOCK_CLOEXEC, and a
// type past SOCK_MAX, are EINVAL; a type Linux knows but wasmos lacks (no UDP) EPROTONOSUPPORT.
function sysSocket(p: Proc, domain: i32, type: i32, proto: i32): i64 {
  if ((type & ~SOCK_TYPE_MASK) & ~(SOCK_NONBLOCK | SOCK_CLOEXEC)) return -Errno.EINVAL;
  if (domain == AF_PACKET) return packetSocket(p, type);
  if (domain != AF_INET) return -Errno.EAFNOSUPPORT;
  if ((type & SOCK_TYPE_MASK) >= SOCK_MAX) return -Errno.EINVAL;
  if ((type & SOCK_TYPE_MASK) != SOCK_STREAM) return -Errno.EPROTONOSUPPORT;
  if (proto != 0 && proto != IPPROTO_TCP) return -Errno.EPROTONOSUPPORT;
  if (!nicPresent()) return -Errno.ENETDOWN;
  const i = sockAlloc();
  if (i < 0) return -Errno.ENOBUFS;
  const f = fileAlloc(FT_SOCKET, O_RDWR | ((type & SOCK_NONBLOCK) ? O_NONBLOCK : 0));
  if (f < 0) { sockFree(i); return -Errno.ENFILE; }
  fileAt(f).sock = <u32>i;
  sockAt(i).fileRefs = 1;
  const fd = fdAlloc(p, f, (type & SOCK_CLOEXEC) != 0);
  if (fd < 0) fileClose(f);
  return fd;
}

// AF_PACKET (Linux's packet_create): SOCK_RAW only here (SOCK_DGRAM: ESOCKTNOSUPPORT); an FT_PACKET
// file whose transmit ring pktpool.ts keeps. The protocol is not checked (ETH_P_ALL or any).
function packetSocket(p: Proc, type: i32): i64 {
  if ((type & ~SOCK_TYPE_MASK) & ~(SOCK_NONBLOCK | SOCK_CLOEXEC)) return -Errno.EINVAL;
  if ((type & SOCK_TYPE_MASK) != SOCK_RAW) return -Errno.ESOCKTNOSUPPORT;
  if (!nicPresent()) return -Errno.ENETDOWN;
  const fi = fileAlloc(FT_PACKET, O_RDWR | ((type & SOCK_NONBLOCK) ? O_NONBLOCK : 0));
  if (fi < 0) return -Errno.ENFILE;
  const fd = fdAlloc(p, fi, (type & SOCK_CLOEXEC) != 0);
  if (fd < 0) fileClose(fi);
  return fd;
}

// struct sockaddr_in { u16 family; u16 port (big endian); u32 addr (big endian); u8 zero[8] }
function getAddr(p: Proc, va: u32, len: u32): i64 {
  if (len < 16) return -Errno.EINVAL;
  if (copyFromUser(p, kb, va, 16) < 0) return -Errno.EFAULT;
  if (load<u16>(kb) != AF_INET) return -Errno.EAFNOSUPPORT;
  return 0;
}

function putAddr(p: Proc, va: u32, lenp: u32, addr: u32, port: u32): i64 {
  if (va == 0) return 0;
  memory.fill(kb, 0, 16);
  store<u16>(kb, AF_INET); put16(kb + 2, port); put32(kb + 4, addr);
  if (copyFromUser(p, kb + 16, lenp, 4) < 0) return -Errno.EFAULT;
  if (load<i32>(kb + 16) < 0) return -Errno.EINVAL;          // Linux's move_addr_to_user
  const n = min(load<u32>(kb + 16), 16);
  store<u32>(kb + 16, 16);
  if (copyToUser(p, va, kb, n) < 0 || copyToUser(p, lenp, kb + 16, 4) < 0) return -Errno.EFAULT;
  return 0;
}

// Linux's inet_getname: a connection's source address; else the bound one (0.0.0.0 when unbound or INADDR_ANY).
function localAddr(s: Sock): u32 { return s.rport != 0 ? (s.raddr == LOOPBACK_IP ? LOOPBACK_IP : GUEST_IP) : s.laddr; }

function sysBind(p: Proc, i: i32, va: u32, len: u32): i64 {
  const r = getAddr(p, va, len);
  if (r < 0) return r;
  const s = sockAt(i);
  if (s.bound) return -Errno.EINVAL;
  const port = be16(kb + 2), addr = be32(kb + 4);
  if (addr != 0 && addr != GUEST_IP && addr != LOOPBACK_IP) return -Errno.EADDRNOTAVAIL;
  if (port != 0 && portInUse(port)) return -Errno.EADDRINUSE;
  s.lport = port != 0 ? port : ephemeral();
  s.laddr = addr;
  s.bound = 1;
  return 0;
}

function ephemeral(): u32 {
  for (let k = 0; k < 16384; k++) {
    const port = nextPort++;
    if (nextPort > 65535) nextPort = EPHEMERAL_LOW;
    if (!portInUse(port)) return port;
  }
  return 0;
}

function sysListen(i: i32, backlog: i32): i64 {
  const s = sockAt(i);
  if (s.state != CLOSED && s.state != LISTEN) return -Errno.EINVAL;
  if (!s.bound) { s.lport = ephemeral(); s.bound = 1; }
  s.backlog = <u32>max(1, min(backlog, 16));
  s.state = LISTEN;
  return 0;
}

function block(p: Proc, i: i32, nb: bool): i64 {
  if (nb) return -Errno.EAGAIN;
  return sleepOn(p, sockChan(i));
}

function sysAccept(p: Proc, i: i32, addr: u32, lenp: u32, nb: bool): i64 {
  const l = sockAt(i);
  if (l.state != LISTEN) return -Errno.EINVAL;
  if (l.acceptHead == l.acceptTail) return block(p, i, nb);
  // The file and descriptor first (still FT_NONE): without them the connection stays queued.
  const f = fileAlloc(FT_NONE, O_RDWR);
  if (f < 0) return -Errno.ENFILE;
  const fd = fdAlloc(p, f, false);
  if (fd < 0) { fileClose(f); return fd; }
  const c = <i32>load<u8>(changetype<usize>(l) + ACCQ + (l.acceptHead++ & 15));
  const s = sockAt(c);
  s.parent = -1; s.fileRefs = 1;
  fileAt(f).type = FT_SOCKET; fileAt(f).sock = <u32>c;
  const r = putAddr(p, addr, lenp, s.raddr, s.rport);
  if (r < 0) { fdClear(p, fd); fileClose(f); return r; }   // as Linux's do_accept: the connection is closed, no fd
  return fd;
}

function sysConnect(p: Proc, i: i32, va: u32, len: u32, nb: bool): i64 {
  const s = sockAt(i);
  if (s.state == SYN_SENT) return block(p, i, nb);        // a restarted blocking connect waits on
  if (s.state == ESTABLISHED || s.state == CLOSE_WAIT) return s.rport != 0 ? (s.err = 0, 0) : -Errno.EISCONN;
  if (s.err != 0) { const e = s.err; s.err = 0; return -<i64>e; }
  if (s.state != CLOSED) return -Errno.EISCONN;
  const r = getAddr(p, va, len);
  if (r < 0) return r;
  const addr = be32(kb + 4), port = be16(kb + 2);
  if (addr != HOST_IP && addr != LOOPBACK_IP) return -Errno.ENETUNREACH;
  if (!s.bound) { s.lport = ephemeral(); s.bound = 1; }
  tcpConnect(i, addr, port);
  if (s.state == SYN_SENT) return nb ? -Errno.EINPROGRESS : block(p, i, false);
  return s.err != 0 ? -<i64>s.err : 0;
}


// Can data still be queued (the connection is up and our side not shut down)?
export function sendOpen(s: Sock): bool { return (s.state == ESTABLISHED || s.state == CLOSE_WAIT) && !s.sndShut; }

// As Linux's tcp_sendmsg: a reset not yet reported is reported once (ECONNRESET, no signal, as
// sk_stream_wait_connect -> sock_error); after it, or after shutdown/close, EPIPE and SIGPIPE (also
// for a reset that came after the peer's FIN, whose error is EPIPE).
export function sendCheck(p: Proc, s: Sock, flags: u32): i64 {
  if (s.state == ESTABLISHED || s.state == CLOSE_WAIT) return s.sndShut ? epipe(p, flags) : 0;
  if (s.err == Errno.ECONNRESET) { s.err = 0; return -Errno.ECONNRESET; }
  if (s.err == Errno.EPIPE) s.err = 0;                  // a reset after the peer's FIN (tcp.ts resetErr): reported here
  if (s.resetDone || s.finQueued || s.sndShut) return epipe(p, flags);
  return -Errno.ENOTCONN;
}

function epipe(p: Proc, flags: u32): i64 {
  if (!(flags & MSG_NOSIGNAL)) sendSignal(p, Sig.SIGPIPE);
  return -Errno.EPIPE;
}

// send(): copy into socket pages (1 CPU copy per page), or with MSG_ZEROCOPY pin the user's pages.
// A blocking send queues everything before it returns, sleeping while the buffer is full and going
// on from where it slept (progress), as Linux's tcp_sendmsg; a nonblocking one queues what fits.
// If the connection fails midway, the bytes already queued are the result (no error, no signal).
export function sockSend(p: Proc, i: i32, va: u32, n: u32, flags: u32, nb: bool): i64 {
  const s = sockAt(i);
  let done = progress(p);
  if (done > 0 && !sendOpen(s)) return done;
  const c = sendCheck(p, s, flags);
  if (c < 0) return c;
  if (flags & ~(MSG_DONTWAIT | MSG_NOSIGNAL | MSG_ZEROCOPY | MSG_MORE)) return -Errno.EOPNOTSUPP;
  if (n == 0) return 0;
  const wait = !nb && (flags & MSG_DONTWAIT) == 0;
  tcpMore(i, (flags & MSG_MORE) != 0);
  // MSG_ZEROCOPY with SO_ZEROCOPY pins the user's pages; without a NIC that gathers it copies, as
  // Linux does, and the completion says so (SO_EE_CODE_ZEROCOPY_COPIED). One call, one id.
  const zc = (flags & MSG_ZEROCOPY) != 0 && s.zerocopy != 0;
  const pin = zc && (nicFeatures() & NetFeature.sg) != 0;
  let room = sendRoom(s, !pin);                   // 0 past the socket memory limit: wait for its ACKs
  const id = zc && room > 0 ? (done > 0 ? s.zcNext : ++s.zcNext) | (pin ? 0 : ZC_COPIED) : 0;
  while (done < n && room > 0 && s.sTail - s.sHead < NFRAG - 1) {
    if (!pin && !sockMemRoom(s)) break;           // the machine's socket memory is used up (skmem.ts)
    const a = va + done;
    const chunk = min(min(n - done, PAGE_SIZE - (a & ~PAGE_MASK)), room);
    const r = pin ? pinFrag(p, s, a, chunk, id) : copyFrag(p, s, a, chunk, id);
    if (r < 0) { if (done == 0) return r; tcpOutput(i); return done; }
    done += chunk; room -= chunk;
    s.sndEnd += chunk;
  }
  tcpPush(i);
  if (done < n && wait) { keepProgress(p, done); return block(p, i, false); }
  return done > 0 ? <i64>done : -Errno.EAGAIN;
}

function copyFrag(p: Proc, s: Sock, va: u32, n: u32, id: u32): i32 {
  const f = allocFrame(Owner.socket, GFP_NOZERO);   // (only its first n bytes are ever sent)
  if (f == 0) return -Errno.ENOBUFS;
  if (copyFromUser(p, pa(f), va, n, Routine.copy_from_user, Place.frame) < 0) { kput(f); return -Errno.EFAULT; }
  sfragPush(s, f, 0, n, id);
  return 0;
}

function pinFrag(p: Proc, s: Sock, va: u32, n: u32, id: u32): i32 {
  const ph = userPhys(p, va, false);
  if (ph < 0) return -Errno.EFAULT;
  const pfn = <u32>(ph >>> PAGE_SHIFT);
  kget(pfn);
  sfragPush(s, pfn, <u32>(ph & ~PAGE_MASK), n, id);
  traceEmit(nextSeq(), Ev.sgHandoff, 0, pfn, <u64>(ph & ~PAGE_MASK), n, 0, 0, 0);
  return 0;
}


// recv(): copy queued payload to the user (1 CPU copy per fragment piece).
export function sockRecv(p: Proc, i: i32, va: u32, n: u32, flags: u32, nb: bool): i64 {
  const s = sockAt(i);
  if (flags & ~(MSG_DONTWAIT | MSG_PEEK | MSG_NOSIGNAL | MSG_WAITALL)) return -Errno.EOPNOTSUPP;
  if (s.rcvBytes == 0) {
    if (s.peerFin) return 0;
    if (s.err) { const e = s.err; s.err = 0; return -<i64>e; }      // reported once (sock_error)
    if (s.state == CLOSED || s.state == LISTEN) return s.state == LISTEN ? -Errno.ENOTCONN : 0;
    if (n == 0) return 0;
    return block(p, i, nb || (flags & MSG_DONTWAIT) != 0);
  }
  const before = rcvWindow(s);
  let done: u32 = 0;
  let k = s.rHead;
  while (done < n && k != s.rTail) {
    const fr = rfrag(s, k);
    const chunk = min(n - done, fr.len);
    if (copyToUser(p, va + done, pa(fr.pfn) + fr.off, chunk, Routine.copy_to_user, Place.frame) < 0) {
      if (done == 0) return -Errno.EFAULT;
      break;
    }
    done += chunk;
    if (flags & MSG_PEEK) { k++; continue; }
    if (chunk < fr.len) { fr.off += chunk; fr.len -= chunk; }
    else { kput(fr.pfn); s.rHead++; k = s.rHead; }
    s.rcvBytes -= chunk;
  }
  if (!(flags & MSG_PEEK)) windowUpdate(i, before);
  return done;
}

// struct msghdr (wasm32): { u32 name, u32 namelen, u32 iov, u32 iovlen, u32 control, u32 controllen, i32 flags }
function sysMsg(p: Proc, i: i32, msg: u32, flags: u32, nb: bool, send: bool): i64 {
  if (copyFromUser(p, kb, msg, 28) < 0) return -Errno.EFAULT;
  if (!send && (flags & MSG_ERRQUEUE)) return errQueue(p, i, msg);
  const iov = load<u32>(kb + 8), cnt = load<u32>(kb + 12);
  if (cnt > <u32>IOV_MAX) return -Errno.EMSGSIZE;
  let total: i64 = 0;
  for (let k: u32 = 0; k < cnt; k++) {
    if (copyFromUser(p, kb + 32, iov + k * 8, 8) < 0) return total > 0 ? total : -Errno.EFAULT;
    const base = load<u32>(kb + 32), len = load<u32>(kb + 36);
    if (len == 0) continue;
    const r = send ? sockSend(p, i, base, len, flags, nb || total > 0) : sockRecv(p, i, base, len, flags, nb || total > 0);
    if (r < 0) return total > 0 ? total : r;
    total += r;
    if (<u32>r < len) break;
  }
  return total;
}

// MSG_ERRQUEUE: one zero-copy completion as a cmsg { u32 len, i32 level, i32 type } +
// struct sock_extended_err { u32 ee_errno; u8 origin, type, code, pad; u32 info; u32 data } (lo..hi ids).
function errQueue(p: Proc, i: i32, msg: u32): i64 {
  const s = sockAt(i);
  if (!s.zcPending) return -Errno.EAGAIN;
  const ctl = load<u32>(kb + 16), ctllen = load<u32>(kb + 20);
  if (ctllen < 28) return -Errno.EINVAL;
  memory.fill(kb + 32, 0, 28);
  store<u32>(kb + 32, 28); store<i32>(kb + 36, SOL_IP); store<i32>(kb + 40, IP_RECVERR);
  store<u8>(kb + 48, SO_EE_ORIGIN_ZEROCOPY); store<u8>(kb + 50, <u8>s.zcCode);
  store<u32>(kb + 52, s.zcLo); store<u32>(kb + 56, s.zcHi);
  if (copyToUser(p, ctl, kb + 32, 28) < 0) return -Errno.EFAULT;
  store<u32>(kb + 20, 28); store<i32>(kb + 24, MSG_ERRQUEUE);
  if (copyToUser(p, msg + 20, kb + 20, 8) < 0) return -Errno.EFAULT;
  s.zcPending = 0;
  return 0;
}

function sysShutdown(i: i32, how: i32): i64 {
  const s = sockAt(i);
  if (how < 0 || how > 2) return -Errno.EINVAL;
  if (s.state != ESTABLISHED && s.state != CLOSE_WAIT) return -Errno.ENOTCONN;
  if (how >= 1) { s.sndShut = 1; tcpClose(i); }
  return 0;
}

function sysSetsockopt(p: Proc, i: i32, level: i32, opt: i32, va: u32, len: u32): i64 {
  if (len < 4) return -Errno.EINVAL;
  if (copyFromUser(p, kb, va, 4) < 0) return -Errno.EFAULT;
  const v = load<i32>(kb);
  const s = sockAt(i);
  if (level == SOL_SOCKET && opt == SO_SNDBUF) { s.sndbuf = <u32>clamp(v * 2, 4608, 4 << 20); return 0; }
  if (level == SOL_SOCKET && opt == SO_RCVBUF) { s.rcvbuf = <u32>clamp(v * 2, 2304, 65535); return 0; }
  if (level == SOL_SOCKET && opt == SO_ZEROCOPY) { s.zerocopy = v != 0 ? 1 : 0; return 0; }
  if (level == IPPROTO_TCP && opt == TCP_NODELAY) { s.nodelay = v != 0 ? 1 : 0; return 0; }
  return -Errno.ENOPROTOOPT;
}

function clamp(v: i32, lo: i32, hi: i32): i32 { return v < lo ? lo : v > hi ? hi : v; }

// The value is cut to the caller's length, which then says how much was written (as Linux).
function sysGetsockopt(p: Proc, i: i32, level: i32, opt: i32, va: u32, lenp: u32): i64 {
  const s = sockAt(i);
  if (copyFromUser(p, kb + 4, lenp, 4) < 0) return -Errno.EFAULT;
  const len = load<i32>(kb + 4);
  if (len < 0) return -Errno.EINVAL;
  let v: i32;
  if (level == SOL_SOCKET && opt == SO_SNDBUF) v = <i32>s.sndbuf;
  else if (level == SOL_SOCKET && opt == SO_RCVBUF) v = <i32>s.rcvbuf;
  else if (level == SOL_SOCKET && opt == SO_ZEROCOPY) v = <i32>s.zerocopy;
  else if (level == SOL_SOCKET && opt == SO_TYPE) v = SOCK_STREAM;
  else if (level == SOL_SOCKET && opt == SO_ERROR) { v = <i32>s.err; s.err = 0; }
  else if (level == IPPROTO_TCP && opt == TCP_NODELAY) v = <i32>s.nodelay;
  else return -Errno.ENOPROTOOPT;
  const n = min(<u32>len, 4);
  store<i32>(kb, v); store<u32>(kb + 4, n);
  if ((n > 0 && copyToUser(p, va, kb, n) < 0) || copyToUser(p, lenp, kb + 4, 4) < 0) return -Errno.EFAULT;
  return 0;
}

// The last file reference went away: close the connection; the socket is freed when it is over, or
// when its orphan timer runs out. As Linux's tcp_close, received data nobody read resets it at once.
export function sockClose(i: i32): void {
  const s = sockAt(i);
  if (s.fileRefs > 0) s.fileRefs--;
  if (s.fileRefs > 0) return;
  if (s.state == LISTEN || s.state == CLOSED || s.state == SYN_SENT) { dropPending(i); s.state = CLOSED; sockFree(i); return; }
  if (s.rcvBytes > 0) { tcpAbort(i); return; }
  if (s.sHead != s.sTail && sockMemOver()) { tcpAbort(i); return; }   // no orphan holds memory the machine lacks
  tcpClose(i);
  if (s.used) tcpOrphan(i);
}

// A listener closes: connections never accepted are closed, and those still in their handshake
// are reset (none may keep pointing at the freed listener).
function dropPending(i: i32): void {
  const l = sockAt(i);
  while (l.acceptHead != l.acceptTail) {
    const c = <i32>load<u8>(changetype<usize>(l) + ACCQ + (l.acceptHead++ & 15));
    sockAt(c).parent = -1;
    sockClose(c);
  }
  for (let c = 0; c < NSOCK; c++) {
    const s = sockAt(c);
    if (s.used && s.parent == i) { s.parent = -1; tcpAbort(c); }
  }
}
