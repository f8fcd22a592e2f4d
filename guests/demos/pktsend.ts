// pktsend: sends COUNT UDP datagrams of SIZE payload bytes to the discard service at 10.0.2.2:9
// from a packet socket's transmit ring (AF_PACKET, PACKET_TX_RING: the shared buffer pool as Linux
// has it): the ring's frames belong to the kernel and are mapped here once; the program builds each
// frame in place, marks it TP_STATUS_SEND_REQUEST, and one send(fd, NULL, 0, 0) per BATCH frames
// hands them to the NIC, which DMAs them from the ring (no CPU copy); a blocking send returns when
// the NIC has finished them (Linux's), so the frames are TP_STATUS_AVAILABLE again (a frame still
// busy would be waited for with poll(POLLOUT)). Payload byte i of datagram k is (k * 31 + i) & 0xff.
// Prints "pktsend: N datagrams, B bytes, S sends, P polls".
// Usage: pktsend [COUNT] [SIZE] [BATCH]   (defaults 64, 1472, 8; SIZE at most 1472; a ring of 16 frames)
import { argInt, print, eprint, errnoName, exit_group, socket, sendto, setsockopt, mmap, close, ppoll,
  AF_PACKET, SOCK_RAW, PROT_READ, PROT_WRITE, MAP_SHARED, POLLOUT, SOL_PACKET, PACKET_TX_RING, TPACKET_REQ_SIZE, TP_BLOCK_SIZE,
  TP_BLOCK_NR, TP_FRAME_SIZE, TP_FRAME_NR, TP_STATUS, TP_LEN, TPACKET_DATA, TP_STATUS_AVAILABLE, TP_STATUS_SEND_REQUEST,
  udpFrame, UDP_FRAME_HDR, PAGE_SIZE } from "../sdk";

const FRAME: u32 = 2048, FRAMES: u32 = 16;
const req = memory.data(<i32>TPACKET_REQ_SIZE);
const pfd = memory.data(8);
function ok(what: string, r: i64): i64 { if (r < 0) { eprint("pktsend: " + what + ": " + errnoName(<i32>-r) + "\n"); exit_group(1); } return r; }

const count = <u32>argInt(1, 64), size = <u32>argInt(2, 1472), batch = <u32>argInt(3, 8);
if (size > 1472 || batch == 0 || batch > FRAMES) { eprint("pktsend: SIZE at most 1472, BATCH 1 to 16\n"); exit_group(2); }
const fd = <i32>ok("socket", socket(AF_PACKET, SOCK_RAW, 0x0300));   // htons(ETH_P_ALL)
store<u32>(req + TP_BLOCK_SIZE, PAGE_SIZE); store<u32>(req + TP_BLOCK_NR, FRAMES * FRAME / PAGE_SIZE);
store<u32>(req + TP_FRAME_SIZE, FRAME); store<u32>(req + TP_FRAME_NR, FRAMES);
ok("setsockopt(PACKET_TX_RING)", setsockopt(fd, SOL_PACKET, PACKET_TX_RING, req, TPACKET_REQ_SIZE));
const ringMem = <usize>ok("mmap", mmap(0, FRAMES * FRAME, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0));
let sent: u32 = 0, sends: u32 = 0, polls: u32 = 0, at: u32 = 0;
let bytes: u64 = 0;

@inline function frame(i: u32): usize { return ringMem + <usize>i * FRAME; }

// Until frame i is the program's again.
function waitFree(i: u32): void {
  while (load<u32>(frame(i) + TP_STATUS) != TP_STATUS_AVAILABLE) {
    store<i32>(pfd, fd); store<i16>(pfd + 4, <i16>POLLOUT); store<i16>(pfd + 6, 0);
    ok("poll", ppoll(pfd, 1, 0)); polls++;
  }
}

while (sent < count) {
  const want = min(batch, count - sent);
  for (let n: u32 = 0; n < want; n++, at = (at + 1) % FRAMES) {
    waitFree(at);
    const buf = frame(at) + TPACKET_DATA, p = buf + UDP_FRAME_HDR, k = sent + n;
    for (let j: u32 = 0; j < size; j++) store<u8>(p + j, <u8>(k * 31 + j));
    store<u32>(frame(at) + TP_LEN, udpFrame(buf, size, 49152, 9, k));
    store<u32>(frame(at) + TP_STATUS, TP_STATUS_SEND_REQUEST);
  }
  ok("send", sendto(fd, 0, 0, 0, 0, 0));
  sends++; sent += want; bytes += <u64>want * size;
}
close(fd);
print("pktsend: " + sent.toString() + " datagrams, " + bytes.toString() + " bytes, " + sends.toString() + " sends, " + polls.toString() + " polls\n");
exit_group(0);
