// send: the zero-copy lab's file sender. Sends FILE to HOST:PORT (default 10.0.2.2:9, the discard
// service) with one METHOD, the way the founding documents compare them:
//   read+write     read() into a buffer, write() it to the socket          (2 CPU copies)
//   mmap+write     mmap() the file, write() the mapping to the socket      (1 CPU copy)
//   sendfile       sendfile() file -> socket, in the kernel                 (1 CPU copy, 0 with SG-DMA)
//   splice         splice() file -> pipe -> socket: page references move   (0 CPU copies with SG-DMA)
//   msg_zerocopy   read() into a buffer, send(MSG_ZEROCOPY): the NIC DMAs from the user's pages, then
//                  the completion is read from the socket's error queue
//   o_direct       read() with O_DIRECT (disk DMAs into the buffer), write() it to the socket
//   netmap         UDP datagrams through /dev/netmap: readv() the file into the NIC's buffers mapped
//                  here (1 CPU copy), NIOCTXSYNC hands each ring-full to the NIC (0 copies); the host
//                  side's UDP discard service counts them (HOST:PORT must be 10.0.2.2:9)
//   pktpool        the same datagrams from a packet socket's PACKET_TX_RING: readv() the file into the
//                  ring's frames (kernel-owned, mapped here), one send(fd, NULL, 0, 0) per ring-full
// Usage: send METHOD FILE [A.B.C.D:PORT] [BUFSIZE]   (BUFSIZE default 65536; a multiple of 4096)
// Exit 0 when every byte was handed to the socket, 1 on error (with a message).
import { arg, argc, argInt, sleepNs, pipe2, splice, open, read, write, close, fstat, mmap, munmap, socket, connect, send, recvmsg,
  setsockopt, sendfile, eprint, exit_group, errnoName, setSockaddrIn, ipv4,
  O_RDONLY, O_DIRECT, PROT_READ, MAP_SHARED, AF_INET, SOCK_STREAM, SOL_SOCKET, SO_ZEROCOPY, MSG_ZEROCOPY, MSG_ERRQUEUE,
  PAGE_SIZE, SOCKADDR_IN_SIZE, STAT_SIZE, ST_SIZE, MSGHDR_SIZE, MSGHDR_CONTROL, MSGHDR_CONTROLLEN,
  readv, NMREQ_SIZE, NR_NUM_SLOTS, NR_HEAD, NR_CUR, NS_BUF_IDX, NS_LEN, nmOpen, nmMmap, nmTxRing, nmSlot, nmNext, nmBuf,
  nmTxSync, nmWaitTx, udpFrame, UDP_FRAME_HDR, sendto, AF_PACKET, SOCK_RAW, PROT_WRITE, SOL_PACKET, PACKET_TX_RING,
  TPACKET_REQ_SIZE, TP_BLOCK_SIZE, TP_BLOCK_NR, TP_FRAME_SIZE, TP_FRAME_NR, TP_STATUS, TP_LEN, TPACKET_DATA, TP_STATUS_SEND_REQUEST } from "../sdk";

const MAXBUF: usize = 1 << 20;
const buf = memory.data(MAXBUF, PAGE_SIZE);
const sa = memory.data(<i32>SOCKADDR_IN_SIZE);
const st = memory.data(<i32>STAT_SIZE);
const one = memory.data(4);
const msg = memory.data(<i32>MSGHDR_SIZE);
const ctl = memory.data(64);
const pfds = memory.data(8);

function fail(what: string, r: i64): void { eprint("send: " + what + ": " + errnoName(<i32>-r) + "\n"); exit_group(1); }
function ok(what: string, r: i64): i64 { if (r < 0) fail(what, r); return r; }

function parseAddr(s: string): void {
  const colon = s.lastIndexOf(":");
  const ip = s.substring(0, colon).split(".");
  if (colon < 0 || ip.length != 4) { eprint("send: bad address " + s + "\n"); exit_group(2); }
  setSockaddrIn(sa, ipv4(U32.parseInt(ip[0]), U32.parseInt(ip[1]), U32.parseInt(ip[2]), U32.parseInt(ip[3])), <u16>U32.parseInt(s.substring(colon + 1)));
}

// write() all of [p, p+n) to the socket (it may take several calls when the send buffer fills).
function writeAllTo(sock: i32, p: usize, n: usize, flags: i32): void {
  let done: usize = 0;
  while (done < n) done += <usize>ok("write", flags == 0 ? write(sock, p + done, n - done) : send(sock, p + done, n - done, flags));
}

// Wait for the zero-copy completion of every send so far: the buffer may be reused only after it.
function reapZerocopy(sock: i32): void {
  for (;;) {
    memory.fill(msg, 0, MSGHDR_SIZE);
    store<u32>(msg + MSGHDR_CONTROL, <u32>ctl); store<u32>(msg + MSGHDR_CONTROLLEN, 64);
    const r = recvmsg(sock, msg, MSG_ERRQUEUE);
    if (r >= 0) return;
    if (r != -11) fail("recvmsg(MSG_ERRQUEUE)", r);
    sleepNs(50000);       // EAGAIN: the peer's ACK is on the wire; wait 50 us and ask again (no poll())
  }
}

// netmap: each ring-full of datagrams (UDP_PAYLOAD bytes each) is one readv() of the file into the
// slots' buffers, after the 42 header bytes, then the headers, then one NIOCTXSYNC.
const UDP_PAYLOAD: usize = 1472;
const nmreq = memory.data(<i32>NMREQ_SIZE);
const nmiov = memory.data(8 * 32);
function sendNetmap(fd: i32, size: usize): void {
  const nfd = <i32>ok("NIOCREGIF", nmOpen(nmreq));
  const ring = nmTxRing(<usize>ok("mmap /dev/netmap", nmMmap(nfd, nmreq)), nmreq);
  const room = load<u32>(ring + NR_NUM_SLOTS) - 1;
  let k: u32 = 0;
  for (let left = size; left > 0; ) {
    const want = <u32>min(<usize>room, (left + UDP_PAYLOAD - 1) / UDP_PAYLOAD);
    ok("poll", nmWaitTx(nfd, ring, want));
    let cur = load<u32>(ring + NR_CUR), total: usize = 0;
    for (let n: u32 = 0, i = cur; n < want; n++, i = nmNext(ring, i)) {
      const len = min(UDP_PAYLOAD, left - total);
      store<u32>(nmiov + 8 * n, <u32>(nmBuf(ring, load<u32>(nmSlot(ring, i) + NS_BUF_IDX)) + UDP_FRAME_HDR));
      store<u32>(nmiov + 8 * n + 4, <u32>len);
      total += len;
    }
    if (<usize>ok("readv", readv(fd, nmiov, <i32>want)) != total) { eprint("send: short readv\n"); exit_group(1); }
    for (let n: u32 = 0; n < want; n++, cur = nmNext(ring, cur)) {
      const s = nmSlot(ring, cur);
      store<u16>(s + NS_LEN, <u16>udpFrame(nmBuf(ring, load<u32>(s + NS_BUF_IDX)), load<u32>(nmiov + 8 * n + 4), 49152, 9, k++));
    }
    store<u32>(ring + NR_HEAD, cur); store<u32>(ring + NR_CUR, cur);
    ok("NIOCTXSYNC", nmTxSync(nfd));
    left -= total;
  }
  ok("poll", nmWaitTx(nfd, ring, room));      // every datagram on the wire
  close(nfd);
}

// pktpool: a ring of 32 frames of 2048 bytes; each ring-full is one readv() into the frames (after
// TPACKET_DATA and the 42 header bytes), the headers, then one blocking send().
const PKT_FRAME: u32 = 2048, PKT_FRAMES: u32 = 32;
function sendPktpool(fd: i32, size: usize): void {
  const ps = <i32>ok("socket(AF_PACKET)", socket(AF_PACKET, SOCK_RAW, 0x0300));
  const req = nmiov;                                       // struct tpacket_req, before the iovecs are needed
  store<u32>(req + TP_BLOCK_SIZE, PAGE_SIZE); store<u32>(req + TP_BLOCK_NR, PKT_FRAMES * PKT_FRAME / PAGE_SIZE);
  store<u32>(req + TP_FRAME_SIZE, PKT_FRAME); store<u32>(req + TP_FRAME_NR, PKT_FRAMES);
  ok("setsockopt(PACKET_TX_RING)", setsockopt(ps, SOL_PACKET, PACKET_TX_RING, req, TPACKET_REQ_SIZE));
  const ring = <usize>ok("mmap ring", mmap(0, PKT_FRAMES * PKT_FRAME, PROT_READ | PROT_WRITE, MAP_SHARED, ps, 0));
  let k: u32 = 0;
  for (let left = size; left > 0; ) {
    const want = <u32>min(<usize>PKT_FRAMES, (left + UDP_PAYLOAD - 1) / UDP_PAYLOAD);
    let total: usize = 0;
    for (let n: u32 = 0; n < want; n++) {
      const len = min(UDP_PAYLOAD, left - total);
      store<u32>(nmiov + 8 * n, <u32>(ring + <usize>n * PKT_FRAME + TPACKET_DATA + UDP_FRAME_HDR));
      store<u32>(nmiov + 8 * n + 4, <u32>len);
      total += len;
    }
    if (<usize>ok("readv", readv(fd, nmiov, <i32>want)) != total) { eprint("send: short readv\n"); exit_group(1); }
    for (let n: u32 = 0; n < want; n++) {
      const f = ring + <usize>n * PKT_FRAME;
      store<u32>(f + TP_LEN, udpFrame(f + TPACKET_DATA, load<u32>(nmiov + 8 * n + 4), 49152, 9, k++));
      store<u32>(f + TP_STATUS, TP_STATUS_SEND_REQUEST);
    }
    ok("send", sendto(ps, 0, 0, 0, 0, 0));                  // returns when the NIC has every frame out
    left -= total;
  }
  close(ps);
}

const method = arg(1), file = arg(2);
parseAddr(argc() > 3 ? arg(3) : "10.0.2.2:9");
const bufsize = <usize>argInt(4, 65536);
if (bufsize == 0 || bufsize > MAXBUF || (bufsize & (PAGE_SIZE - 1)) != 0) { eprint("send: bad BUFSIZE\n"); exit_group(2); }
const fd = <i32>ok("open " + file, open(file, method == "o_direct" ? O_RDONLY | O_DIRECT : O_RDONLY));
ok("fstat", fstat(fd, st));
const size = <usize>load<i64>(st + ST_SIZE);
const sock = method == "netmap" || method == "pktpool" ? -1 : <i32>ok("socket", socket(AF_INET, SOCK_STREAM, 0));
if (sock >= 0) ok("connect", connect(sock, sa, SOCKADDR_IN_SIZE));

// Reads stop at the size fstat gave, so no extra read() just to see end of file.
if (method == "read+write" || method == "o_direct") {
  for (let left = size; left > 0; ) {
    const n = ok("read", read(fd, buf, min(bufsize, method == "o_direct" ? (left + PAGE_SIZE - 1) & ~(PAGE_SIZE - 1) : left)));
    if (n == 0) break;
    writeAllTo(sock, buf, <usize>n, 0);
    left -= <usize>min(<usize>n, left);
  }
} else if (method == "mmap+write") {
  const p = <usize>ok("mmap", mmap(0, size, PROT_READ, MAP_SHARED, fd, 0));
  writeAllTo(sock, p, size, 0);
  ok("munmap", munmap(p, size));
} else if (method == "sendfile") {
  let left = size;
  while (left > 0) left -= <usize>ok("sendfile", sendfile(sock, fd, 0, left));
} else if (method == "splice") {
  ok("pipe2", pipe2(pfds, 0));
  const pin = load<i32>(pfds), pout = load<i32>(pfds + 4);
  for (let left = size; left > 0; ) {
    const n = ok("splice file->pipe", splice(fd, 0, pout, 0, min(left, 65536), 0));
    if (n == 0) break;
    for (let moved: i64 = 0; moved < n; ) moved += ok("splice pipe->socket", splice(pin, 0, sock, 0, <usize>(n - moved), 0));
    left -= <usize>n;
  }
} else if (method == "msg_zerocopy") {
  store<i32>(one, 1);
  ok("setsockopt(SO_ZEROCOPY)", setsockopt(sock, SOL_SOCKET, SO_ZEROCOPY, one, 4));
  for (let left = size; left > 0; ) {
    const n = ok("read", read(fd, buf, min(bufsize, left)));
    if (n == 0) break;
    writeAllTo(sock, buf, <usize>n, MSG_ZEROCOPY);
    reapZerocopy(sock);
    left -= <usize>n;
  }
} else if (method == "netmap") {
  sendNetmap(fd, size);
} else if (method == "pktpool") {
  sendPktpool(fd, size);
} else { eprint("send: unknown method " + method + "\n"); exit_group(2); }
if (sock >= 0) close(sock);
close(fd);
exit_group(0);
