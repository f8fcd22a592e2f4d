// netmapecho: sends COUNT UDP datagrams of SIZE bytes to the echo service at 10.0.2.2:7 through
// netmap in one NIOCTXSYNC, then receives the answers in the RX ring: the NIC DMAs each frame into a
// slot's buffer, poll(POLLIN) waits, NIOCRXSYNC shows them (tail) and gives the read slots back
// (head). Each answer is checked in place: IPv4/UDP from port 7, its payload datagram k's bytes
// ((k * 31 + i) & 0xff). Prints "netmapecho: N sent, M received intact, S rx syncs".
// Usage: netmapecho [COUNT] [SIZE]   (defaults 8, 100; COUNT at most 31, SIZE at most 1472)
import { argInt, print, eprint, errnoName, exit_group, NMREQ_SIZE, NR_HEAD, NR_CUR, NR_TAIL, NS_BUF_IDX, NS_LEN,
  nmOpen, nmMmap, nmTxRing, nmRxRing, nmSlot, nmNext, nmBuf, nmTxSync, nmRxSync, nmPollIn, udpFrame, UDP_FRAME_HDR } from "../sdk";

const req = memory.data(<i32>NMREQ_SIZE);
function ok(what: string, r: i64): i64 { if (r < 0) { eprint("netmapecho: " + what + ": " + errnoName(<i32>-r) + "\n"); exit_group(1); } return r; }

const count = <u32>argInt(1, 8), size = <u32>argInt(2, 100);
if (count == 0 || count > 31 || size > 1472) { eprint("netmapecho: COUNT 1 to 31, SIZE at most 1472\n"); exit_group(2); }
const fd = <i32>ok("NIOCREGIF", nmOpen(req));
const mem = <usize>ok("mmap", nmMmap(fd, req));
const tx = nmTxRing(mem, req), rx = nmRxRing(mem, req);

let cur = load<u32>(tx + NR_CUR);
for (let k: u32 = 0; k < count; k++, cur = nmNext(tx, cur)) {
  const s = nmSlot(tx, cur), buf = nmBuf(tx, load<u32>(s + NS_BUF_IDX));
  for (let j: u32 = 0; j < size; j++) store<u8>(buf + UDP_FRAME_HDR + j, <u8>(k * 31 + j));
  store<u16>(s + NS_LEN, <u16>udpFrame(buf, size, 49152 + k, 7, k));
}
store<u32>(tx + NR_HEAD, cur); store<u32>(tx + NR_CUR, cur);
ok("NIOCTXSYNC", nmTxSync(fd));

// Is the frame in buf (len bytes) the echo of some datagram k, intact? k, or -1.
function echoOf(buf: usize, len: u32): i32 {
  if (len != UDP_FRAME_HDR + size || load<u8>(buf + 12) != 0x08 || load<u8>(buf + 23) != 17) return -1;
  if (load<u8>(buf + 34) != 0 || load<u8>(buf + 35) != 7) return -1;               // from port 7
  const k = ((<u32>load<u8>(buf + 36) << 8) | load<u8>(buf + 37)) - 49152;         // to the port datagram k came from
  for (let j: u32 = 0; j < size; j++) if (load<u8>(buf + UDP_FRAME_HDR + j) != <u8>(k * 31 + j)) return -1;
  return <i32>k;
}

let got: u32 = 0, intact: u32 = 0, syncs: u32 = 0;
while (got < count) {
  ok("poll", nmPollIn(fd));
  ok("NIOCRXSYNC", nmRxSync(fd)); syncs++;
  let i = load<u32>(rx + NR_HEAD);
  const tail = load<u32>(rx + NR_TAIL);
  for (; i != tail; i = nmNext(rx, i)) {
    const s = nmSlot(rx, i);
    if (echoOf(nmBuf(rx, load<u32>(s + NS_BUF_IDX)), load<u16>(s + NS_LEN)) >= 0) intact++;
    got++;
  }
  store<u32>(rx + NR_HEAD, i); store<u32>(rx + NR_CUR, i);      // released at the next sync
}
ok("NIOCRXSYNC", nmRxSync(fd)); syncs++;
print("netmapecho: " + count.toString() + " sent, " + intact.toString() + " received intact, " + syncs.toString() + " rx syncs\n");
exit_group(0);
