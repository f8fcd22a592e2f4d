// Test guest for /dev/netmap's bad input. Prints one line per probe, "what result" (result: 0, an
// errno name, or a number), then sends one good frame (a UDP datagram of 100 bytes to 10.0.2.2:9)
// to show the NIC still works, and "done". Exit 0, or 1 when a setup call fails.
import { print, eprint, errnoName, exit_group, open, close, ioctl, mmap, write, O_RDWR, PROT_READ, PROT_WRITE, MAP_SHARED,
  MAP_PRIVATE, NMREQ_SIZE, NR_NAME, NR_VERSION, NR_MEMSIZE, NR_HEAD, NR_CUR, NR_TAIL, NS_BUF_IDX, NS_LEN, NIOCREGIF, NIOCTXSYNC,
  NIOCRXSYNC, NETMAP_API, NM_NBUF, nmOpen, nmMmap, nmTxRing, nmRxRing, nmSlot, nmBuf, nmTxSync, nmRxSync, nmWaitTx, udpFrame,
  UDP_FRAME_HDR } from "../../guests/sdk";

const req = memory.data(<i32>NMREQ_SIZE);
function show(what: string, r: i64): void { print(what + " " + (r < 0 ? errnoName(<i32>-r) : r.toString()) + "\n"); }
function must(what: string, r: i64): i64 { if (r < 0) { eprint("netmapbad: " + what + ": " + errnoName(<i32>-r) + "\n"); exit_group(1); } return r; }

// Before NIOCREGIF: the fd is not attached.
const raw = <i32>must("open", open("/dev/netmap", O_RDWR));
show("txsync-unregistered", ioctl(raw, NIOCTXSYNC, 0));
show("mmap-unregistered", mmap(0, 4096, PROT_READ, MAP_SHARED, raw, 0));
show("regif-unmapped", ioctl(raw, NIOCREGIF, 0x90000000));
show("regif-straddles-kernel-half", ioctl(raw, NIOCREGIF, 0xbffffff0));
show("regif-kernel-address", ioctl(raw, NIOCREGIF, 0xc0001000));
memory.fill(req, 0, NMREQ_SIZE);
store<u8>(req + NR_NAME, 0x65); store<u8>(req + NR_NAME + 1, 0x74); store<u8>(req + NR_NAME + 2, 0x68); store<u8>(req + NR_NAME + 3, 0x30);
show("regif-bad-version", ioctl(raw, NIOCREGIF, req));
store<u32>(req + NR_VERSION, NETMAP_API); store<u8>(req + NR_NAME + 3, 0x39);   // "eth9"
show("regif-no-such-interface", ioctl(raw, NIOCREGIF, req));
show("write-to-netmap", write(raw, req, 1));
close(raw);

// Attached: mappings past the region, then bad ring indices.
const fd = <i32>must("NIOCREGIF", nmOpen(req));
show("regif-second-fd", nmOpen(memory.data(<i32>NMREQ_SIZE)));
const size = load<u32>(req + NR_MEMSIZE);
show("mmap-too-long", mmap(0, size + 4096, PROT_READ, MAP_SHARED, fd, 0));
show("mmap-offset-past-end", mmap(0, 4096, PROT_READ, MAP_SHARED, fd, size));
show("mmap-offset-plus-length-past-end", mmap(0, 8192, PROT_READ, MAP_SHARED, fd, size - 4096));
show("mmap-private", mmap(0, size, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0));
const mem = <usize>must("mmap", nmMmap(fd, req));
show("write-from-past-the-region", write(1, mem + size, 1));
const ring = nmTxRing(mem, req), rx = nmRxRing(mem, req);
const tail = load<u32>(ring + NR_TAIL);

function tx(what: string, head: u32, cur: u32): void {
  store<u32>(ring + NR_HEAD, head); store<u32>(ring + NR_CUR, cur);
  show(what, nmTxSync(fd));
  print("  ring " + load<u32>(ring + NR_HEAD).toString() + " " + load<u32>(ring + NR_CUR).toString() + " " + load<u32>(ring + NR_TAIL).toString() + "\n");
}
tx("txsync-head-num-slots", 32, 0);
tx("txsync-head-huge", 0xffffffff, 0xffffffff);
tx("txsync-cur-past-tail", 0, 32);
tx("txsync-cur-before-head", 2, 1);
const s0 = nmSlot(ring, 0);
const good = load<u32>(s0 + NS_BUF_IDX);
store<u16>(s0 + NS_LEN, 60);
store<u32>(s0 + NS_BUF_IDX, 0); tx("txsync-reserved-buffer", 1, 1);
store<u32>(s0 + NS_BUF_IDX, NM_NBUF); tx("txsync-buffer-past-pool", 1, 1);
store<u32>(s0 + NS_BUF_IDX, 0xffffffff); tx("txsync-buffer-huge", 1, 1);
store<u32>(s0 + NS_BUF_IDX, good);
store<u16>(s0 + NS_LEN, 0); tx("txsync-len-zero", 1, 1);
store<u16>(s0 + NS_LEN, 1515); tx("txsync-len-past-mtu", 1, 1);
store<u16>(s0 + NS_LEN, 0xffff); tx("txsync-len-huge", 1, 1);
store<u32>(rx + NR_HEAD, 5); store<u32>(rx + NR_CUR, 5);
show("rxsync-head-not-received", nmRxSync(fd));
show("rxsync-ok", nmRxSync(fd));
show("unknown-ioctl", ioctl(fd, 0x5401, req));

// The NIC still works: one good frame.
const buf = nmBuf(ring, good);
for (let i: u32 = 0; i < 100; i++) store<u8>(buf + UDP_FRAME_HDR + i, <u8>i);
store<u16>(s0 + NS_LEN, <u16>udpFrame(buf, 100, 49152, 9, 1));
tx("txsync-good", 1, 1);
must("poll", nmWaitTx(fd, ring, tail));
print("done\n");
exit_group(0);
