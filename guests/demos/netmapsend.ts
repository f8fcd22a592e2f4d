// netmapsend: sends COUNT UDP datagrams of SIZE payload bytes to the discard service at 10.0.2.2:9
// through netmap (/dev/netmap): the frames are built in the NIC's own buffers, mapped into this
// process, and each NIOCTXSYNC hands a batch of up to BATCH slots to the NIC, which DMAs them from
// there (no CPU copy). Datagram k's payload byte i is (k * 31 + i) & 0xff, so the receiver can check it.
// When the ring has no room for a batch it waits in poll(POLLOUT) with cur set as the wakeup point
// (head + BATCH - 1: tail must pass it); at the end it waits until the NIC has finished every slot. Prints "netmapsend: N datagrams, B bytes, S syncs, P polls".
// Usage: netmapsend [COUNT] [SIZE] [BATCH]   (defaults 64, 1472, 16; SIZE at most 1472, BATCH at most 31)
import { argInt, print, eprint, errnoName, exit_group, NMREQ_SIZE, NR_NUM_SLOTS, NR_HEAD, NR_CUR, NS_BUF_IDX, NS_LEN,
  nmOpen, nmMmap, nmTxRing, nmSlot, nmNext, nmBuf, nmTxSync, nmWaitTx, udpFrame, UDP_FRAME_HDR } from "../sdk";

const req = memory.data(<i32>NMREQ_SIZE);
function ok(what: string, r: i64): i64 { if (r < 0) { eprint("netmapsend: " + what + ": " + errnoName(<i32>-r) + "\n"); exit_group(1); } return r; }

const count = <u32>argInt(1, 64), size = <u32>argInt(2, 1472), batch = <u32>argInt(3, 16);
if (size > 1472 || batch == 0 || batch > 31) { eprint("netmapsend: SIZE at most 1472, BATCH 1 to 31\n"); exit_group(2); }
const fd = <i32>ok("NIOCREGIF", nmOpen(req));
const mem = <usize>ok("mmap", nmMmap(fd, req));
const ring = nmTxRing(mem, req);
const slots = load<u32>(ring + NR_NUM_SLOTS);
let sent: u32 = 0, syncs: u32 = 0, polls: u32 = 0;
let bytes: u64 = 0;

// Fill one slot: the payload, then the headers around it.
function fill(i: u32, k: u32): void {
  const s = nmSlot(ring, i), buf = nmBuf(ring, load<u32>(s + NS_BUF_IDX));
  const p = buf + UDP_FRAME_HDR;
  for (let j: u32 = 0; j < size; j++) store<u8>(p + j, <u8>(k * 31 + j));
  store<u16>(s + NS_LEN, <u16>udpFrame(buf, size, 49152, 9, k));
}

function waitFor(k: u32): void { polls += <u32>ok("poll", nmWaitTx(fd, ring, k)); }

while (sent < count) {
  const want = min(batch, count - sent);
  waitFor(want);
  let cur = load<u32>(ring + NR_CUR);
  for (let n: u32 = 0; n < want; n++) { fill(cur, sent + n); cur = nmNext(ring, cur); }
  store<u32>(ring + NR_HEAD, cur); store<u32>(ring + NR_CUR, cur);
  ok("NIOCTXSYNC", nmTxSync(fd));
  syncs++; sent += want; bytes += <u64>want * size;
}
waitFor(slots - 1);                                   // every slot done
print("netmapsend: " + sent.toString() + " datagrams, " + bytes.toString() + " bytes, " + syncs.toString() + " syncs, " + polls.toString() + " polls\n");
exit_group(0);
