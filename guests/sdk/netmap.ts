// netmap for guest programs, as net/netmap_user.h gives C programs: open /dev/netmap and attach it to
// the NIC (nmOpen: NIOCREGIF), map the region (nmMmap), find the TX/RX rings in it (nmTxRing,
// nmRxRing: NETMAP_TXRING), walk slots (nmSlot, nmNext, nmSpace: nm_ring_space), find a slot's
// buffer (nmBuf: NETMAP_BUF), hand slots over (nmTxSync, nmRxSync) and wait for room (nmPollOut, nmWaitTx).
// Layouts and numbers: uapi/netmap.ts (kernel/abi/netmap.ts). Each call returns the raw result or -errno.
// Interface: nmOpen(req) -> fd, nmMmap(fd, req) -> region address, nmTxRing(mem, req), nmRxRing(mem, req),
// nmSlot(ring, i), nmNext(ring, i), nmSpace(ring), nmBuf(ring, idx), nmTxSync(fd), nmRxSync(fd), nmPollOut(fd),
// nmPollIn(fd), nmWaitTx(fd, ring, k) -> polls; udpFrame(buf, len, sport, dport, ipId) -> frame length.
import { Sys } from "../../kernel/abi/syscalls";
import { O_RDWR } from "../../kernel/abi/fcntl";
import { PROT_READ, PROT_WRITE, MAP_SHARED } from "../../kernel/abi/mman";
import { POLLIN, POLLOUT } from "../../kernel/abi/poll";
import {
  NIOCREGIF, NIOCTXSYNC, NIOCRXSYNC, NETMAP_API, NM_IFNAME, NMREQ_SIZE, NR_NAME, NR_VERSION, NR_FLAGS, NR_REG_ALL_NIC,
  NR_OFFSET, NR_MEMSIZE, NI_RING_OFS, NI_TX_RINGS, NR_BUF_OFS, NR_BUF_SIZE, NR_NUM_SLOTS, NR_SLOTS, NS_SIZE, NR_CUR, NR_TAIL, NR_HEAD,
} from "../../kernel/abi/netmap";
import { syscall2, syscall3, syscall5, syscall6 } from "./syscall";

const pfd = memory.data(8);

/** Open /dev/netmap and attach it to the NIC; `req` (NMREQ_SIZE bytes) comes back filled (nr_memsize...). */
export function nmOpen(req: usize): i64 {
  const path = memory.data(16);
  const name = "/dev/netmap";
  for (let i = 0; i < name.length; i++) store<u8>(path + i, <u8>name.charCodeAt(i));
  store<u8>(path + name.length, 0);
  const fd = syscall3(Sys.openat, -100, path, O_RDWR);
  if (fd < 0) return fd;
  memory.fill(req, 0, NMREQ_SIZE);
  for (let i = 0; i < NM_IFNAME.length; i++) store<u8>(req + NR_NAME + i, <u8>NM_IFNAME.charCodeAt(i));
  store<u32>(req + NR_VERSION, NETMAP_API);
  store<u32>(req + NR_FLAGS, NR_REG_ALL_NIC);
  const r = syscall3(Sys.ioctl, fd, NIOCREGIF, req);
  if (r < 0) { syscall2(Sys.close, fd, 0); return r; }
  return fd;
}

/** mmap the whole region (nr_memsize bytes, shared). */
export function nmMmap(fd: i32, req: usize): i64 {
  return syscall6(Sys.mmap, 0, load<u32>(req + NR_MEMSIZE), PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
}

@inline function nifp(mem: usize, req: usize): usize { return mem + load<u32>(req + NR_OFFSET); }
export function nmTxRing(mem: usize, req: usize): usize { const n = nifp(mem, req); return n + <usize>load<i32>(n + NI_RING_OFS); }
export function nmRxRing(mem: usize, req: usize): usize {
  const n = nifp(mem, req);
  return n + <usize>load<i32>(n + NI_RING_OFS + 4 * load<u32>(n + NI_TX_RINGS));
}
export function nmSlot(ring: usize, i: u32): usize { return ring + NR_SLOTS + <usize>i * NS_SIZE; }
export function nmNext(ring: usize, i: u32): u32 { return i + 1 == load<u32>(ring + NR_NUM_SLOTS) ? 0 : i + 1; }
/** Slots the program may fill: from cur to tail. */
export function nmSpace(ring: usize): u32 {
  const n = load<u32>(ring + NR_NUM_SLOTS), cur = load<u32>(ring + NR_CUR), tail = load<u32>(ring + NR_TAIL);
  return (tail + n - cur) % n;
}
export function nmBuf(ring: usize, idx: u32): usize {
  return ring + <usize>load<i64>(ring + NR_BUF_OFS) + <usize>idx * load<u32>(ring + NR_BUF_SIZE);
}
export function nmTxSync(fd: i32): i64 { return syscall3(Sys.ioctl, fd, NIOCTXSYNC, 0); }
export function nmRxSync(fd: i32): i64 { return syscall3(Sys.ioctl, fd, NIOCRXSYNC, 0); }

/** Wait until `k` TX slots are free: poll with the wakeup point (cur) k - 1 slots past head, cur
 *  back at head after. The polls it took, or -errno. */
export function nmWaitTx(fd: i32, ring: usize, k: u32): i64 {
  const n = load<u32>(ring + NR_NUM_SLOTS);
  let polls: i64 = 0;
  while (nmSpace(ring) < k) {
    const head = load<u32>(ring + NR_HEAD);
    store<u32>(ring + NR_CUR, (head + k - 1) % n);
    const r = nmPollOut(fd);
    store<u32>(ring + NR_CUR, head);
    if (r < 0) return r;
    polls++;
  }
  return polls;
}

/** Wait until a frame is received (poll updates the RX ring's tail). */
export function nmPollIn(fd: i32): i64 {
  store<i32>(pfd, fd); store<i16>(pfd + 4, <i16>POLLIN); store<i16>(pfd + 6, 0);
  return syscall5(Sys.ppoll, pfd, 1, 0, 0, 8);
}

/** Wait until a TX slot is free (poll updates the ring's tail). */
export function nmPollOut(fd: i32): i64 {
  store<i32>(pfd, fd); store<i16>(pfd + 4, <i16>POLLOUT); store<i16>(pfd + 6, 0);
  return syscall5(Sys.ppoll, pfd, 1, 0, 0, 8);
}

// --- a UDP frame to 10.0.2.2, built in place (the payload already at buf + UDP_FRAME_HDR)

export const UDP_FRAME_HDR: u32 = 42;     // Ethernet 14 + IPv4 20 + UDP 8
const GUEST_MAC: u8[] = [0x52, 0x54, 0x00, 0x12, 0x34, 0x56];
const HOST_MAC: u8[] = [0x52, 0x55, 0x0a, 0x00, 0x02, 0x02];

@inline function put16(a: usize, v: u32): void { store<u8>(a, <u8>(v >> 8)); store<u8>(a + 1, <u8>v); }
@inline function put32(a: usize, v: u32): void { put16(a, v >>> 16); put16(a + 2, v & 0xffff); }

// Ones' complement sum of n bytes at a, big-endian words (an odd last byte padded with zero).
function sum16(a: usize, n: u32, acc: u32): u32 {
  let i: u32 = 0;
  for (; i + 1 < n; i += 2) acc += (<u32>load<u8>(a + i) << 8) | <u32>load<u8>(a + i + 1);
  if (i < n) acc += <u32>load<u8>(a + i) << 8;
  return acc;
}
function fold(acc: u32): u32 { while (acc > 0xffff) acc = (acc & 0xffff) + (acc >>> 16); return ~acc & 0xffff; }

/** Ethernet + IPv4 + UDP headers at buf for `len` payload bytes (already at buf + 42) from
 *  10.0.2.15:sport to 10.0.2.2:dport, checksums filled; the frame's length. */
export function udpFrame(buf: usize, len: u32, sport: u32, dport: u32, ipId: u32): u32 {
  for (let i = 0; i < 6; i++) { store<u8>(buf + i, HOST_MAC[i]); store<u8>(buf + 6 + i, GUEST_MAC[i]); }
  put16(buf + 12, 0x0800);
  const ip = buf + 14, udp = buf + 34, src: u32 = 0x0a00020f, dst: u32 = 0x0a000202;
  store<u8>(ip, 0x45); store<u8>(ip + 1, 0); put16(ip + 2, 28 + len); put16(ip + 4, ipId & 0xffff);
  put16(ip + 6, 0x4000); store<u8>(ip + 8, 64); store<u8>(ip + 9, 17); put16(ip + 10, 0);
  put32(ip + 12, src); put32(ip + 16, dst);
  put16(ip + 10, fold(sum16(ip, 20, 0)));
  put16(udp, sport); put16(udp + 2, dport); put16(udp + 4, 8 + len); put16(udp + 6, 0);
  const pseudo = (src >>> 16) + (src & 0xffff) + (dst >>> 16) + (dst & 0xffff) + 17 + 8 + len;
  let c = fold(sum16(udp, 8 + len, pseudo));
  put16(udp + 6, c == 0 ? 0xffff : c);
  return UDP_FRAME_HDR + len;
}
