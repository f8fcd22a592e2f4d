// A packet-ring frame whose data crosses a page of the ring, on fragmented memory (tests/pktpool.cross.test.ts):
// 32 anonymous pages of 0xCC, every other one unmapped, so the ring's two pages are not adjacent in
// RAM; the ring (one 8 KiB block of 7 frames of 1040 bytes, a layout Linux accepts) is 0xAA in its
// first page and 0xBB in its second. Frames 0..2 carry 10-byte datagrams, frame 3 one of 966 bytes
// whose last 64 bytes lie in the second page. One send(fd, NULL, 0, 0) hands all four to the NIC.
import { print, errnoName, exit_group, socket, setsockopt, sendto, mmap, munmap, close, AF_PACKET, SOCK_RAW,
  PROT_READ, PROT_WRITE, MAP_SHARED, SOL_PACKET, PACKET_TX_RING, TPACKET_REQ_SIZE, TP_BLOCK_SIZE,
  TP_BLOCK_NR, TP_FRAME_SIZE, TP_FRAME_NR, TP_STATUS, TP_LEN, TPACKET_DATA, TP_STATUS_SEND_REQUEST, udpFrame, UDP_FRAME_HDR } from "../../guests/sdk";

const FRAME = 1040, MAP_PRIVATE_ANON = 0x22;
const req = memory.data(<i32>TPACKET_REQ_SIZE);
function check(what: string, r: i64): void {
  if (r < 0) { print(what + ": " + errnoName(<i32>-r) + "\n"); exit_group(1); }
}
const an = <usize>mmap(0, 32 * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE_ANON, -1, 0);
for (let i: u32 = 0; i < 32 * 4096; i++) store<u8>(an + i, 0xcc);
for (let i: u32 = 0; i < 32; i += 2) munmap(an + i * 4096, 4096);
const fd = <i32>socket(AF_PACKET, SOCK_RAW, 0x0300);
check("socket", fd);
store<u32>(req + TP_BLOCK_SIZE, 8192); store<u32>(req + TP_BLOCK_NR, 1);
store<u32>(req + TP_FRAME_SIZE, FRAME); store<u32>(req + TP_FRAME_NR, 7);
check("setsockopt", setsockopt(fd, SOL_PACKET, PACKET_TX_RING, req, TPACKET_REQ_SIZE));
const mem = <usize>mmap(0, 8192, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
check("mmap", <i64>mem);
for (let i: u32 = 0; i < 8192; i++) store<u8>(mem + i, i < 4096 ? 0xaa : 0xbb);
for (let f: u32 = 0; f < 7; f++) store<u32>(mem + f * FRAME + TP_STATUS, 0);
for (let f: u32 = 0; f < 4; f++) {
  const h = mem + f * FRAME;
  store<u32>(h + TP_LEN, udpFrame(h + TPACKET_DATA, f < 3 ? 10 : 1008 - UDP_FRAME_HDR, 49152, 9, f + 1));
  store<u32>(h + TP_STATUS, TP_STATUS_SEND_REQUEST);
}
check("send", sendto(fd, 0, 0, 0, 0, 0));
close(fd);
print("sent\n");
