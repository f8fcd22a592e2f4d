// Test guest for a packet socket's TX ring's bad input. Prints one line per probe, "what result"
// (0, a byte count, or an errno name), then sends one good frame (a UDP datagram of 100 bytes to
// 10.0.2.2:9) to show the NIC still works, and "done". Exit 0, or 1 when a setup call fails.
import { print, eprint, errnoName, exit_group, socket, setsockopt, sendto, mmap, write, close, AF_PACKET, SOCK_RAW, SOCK_DGRAM,
  PROT_READ, PROT_WRITE, MAP_SHARED, MAP_PRIVATE, SOL_PACKET, PACKET_TX_RING, PACKET_VERSION, TPACKET_REQ_SIZE, TP_BLOCK_SIZE,
  TP_BLOCK_NR, TP_FRAME_SIZE, TP_FRAME_NR, TP_STATUS, TP_LEN, TPACKET_DATA, TP_STATUS_SEND_REQUEST, udpFrame, UDP_FRAME_HDR,
  PAGE_SIZE } from "../../guests/sdk";

const req = memory.data(<i32>TPACKET_REQ_SIZE);
function show(what: string, r: i64): void { print(what + " " + (r < 0 ? errnoName(<i32>-r) : r.toString()) + "\n"); }
function must(what: string, r: i64): i64 { if (r < 0) { eprint("pktbad: " + what + ": " + errnoName(<i32>-r) + "\n"); exit_group(1); } return r; }
function ring(bsize: u32, bnr: u32, fsize: u32, fnr: u32): void {
  store<u32>(req + TP_BLOCK_SIZE, bsize); store<u32>(req + TP_BLOCK_NR, bnr);
  store<u32>(req + TP_FRAME_SIZE, fsize); store<u32>(req + TP_FRAME_NR, fnr);
}

show("socket-dgram", socket(AF_PACKET, SOCK_DGRAM, 0x0300));
const fd = <i32>must("socket", socket(AF_PACKET, SOCK_RAW, 0x0300));
show("send-without-ring", sendto(fd, 0, 0, 0, 0, 0));
show("mmap-without-ring", mmap(0, PAGE_SIZE, PROT_READ, MAP_SHARED, fd, 0));
ring(PAGE_SIZE, 4, 2048, 8);
show("ring-unmapped-req", setsockopt(fd, SOL_PACKET, PACKET_TX_RING, 0x90000000, TPACKET_REQ_SIZE));
show("ring-short-req", setsockopt(fd, SOL_PACKET, PACKET_TX_RING, req, 8));
ring(1000, 4, 500, 8); show("ring-block-not-page", setsockopt(fd, SOL_PACKET, PACKET_TX_RING, req, TPACKET_REQ_SIZE));
ring(PAGE_SIZE, 4, 40, 400); show("ring-frame-too-small", setsockopt(fd, SOL_PACKET, PACKET_TX_RING, req, TPACKET_REQ_SIZE));
ring(PAGE_SIZE, 4, 2050, 4); show("ring-frame-unaligned", setsockopt(fd, SOL_PACKET, PACKET_TX_RING, req, TPACKET_REQ_SIZE));
ring(PAGE_SIZE, 4, 2048, 9); show("ring-frame-count-wrong", setsockopt(fd, SOL_PACKET, PACKET_TX_RING, req, TPACKET_REQ_SIZE));
ring(PAGE_SIZE, 0x40000, 2048, 0x80000); show("ring-too-big", setsockopt(fd, SOL_PACKET, PACKET_TX_RING, req, TPACKET_REQ_SIZE));
show("unknown-option", setsockopt(fd, SOL_PACKET, 99, req, TPACKET_REQ_SIZE));
ring(PAGE_SIZE, 4, 2048, 8);
show("ring", setsockopt(fd, SOL_PACKET, PACKET_TX_RING, req, TPACKET_REQ_SIZE));
show("ring-again", setsockopt(fd, SOL_PACKET, PACKET_TX_RING, req, TPACKET_REQ_SIZE));
store<i32>(req, 1); show("version-after-ring", setsockopt(fd, SOL_PACKET, PACKET_VERSION, req, 4));
const size: u32 = 4 * PAGE_SIZE;
show("mmap-too-long", mmap(0, size + PAGE_SIZE, PROT_READ, MAP_SHARED, fd, 0));
show("mmap-offset-past-end", mmap(0, PAGE_SIZE, PROT_READ, MAP_SHARED, fd, size));
show("mmap-private", mmap(0, size, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0));
const mem = <usize>must("mmap", mmap(0, size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0));
show("write-from-past-the-ring", write(1, mem + size, 1));

store<u32>(mem + TP_LEN, 0); store<u32>(mem + TP_STATUS, TP_STATUS_SEND_REQUEST);
show("send-len-zero", sendto(fd, 0, 0, 0, 0, 0));
show("  status", load<u32>(mem + TP_STATUS));
store<u32>(mem + TP_LEN, 2000); store<u32>(mem + TP_STATUS, TP_STATUS_SEND_REQUEST);
show("send-len-past-frame", sendto(fd, 0, 0, 0, 0, 0));
store<u32>(mem + TP_LEN, 0xffffffff); store<u32>(mem + TP_STATUS, TP_STATUS_SEND_REQUEST);
show("send-len-huge", sendto(fd, 0, 0, 0, 0, 0));
store<u32>(mem + TP_STATUS, 0);
show("send-nothing-requested", sendto(fd, 0, 0, 0, 0, 0));

const buf = mem + TPACKET_DATA;
for (let i: u32 = 0; i < 100; i++) store<u8>(buf + UDP_FRAME_HDR + i, <u8>i);
store<u32>(mem + TP_LEN, udpFrame(buf, 100, 49152, 9, 1));
store<u32>(mem + TP_STATUS, TP_STATUS_SEND_REQUEST);
show("send-good", sendto(fd, 0, 0, 0, 0, 0));
show("  status", load<u32>(mem + TP_STATUS));
close(fd);
print("done\n");
exit_group(0);
