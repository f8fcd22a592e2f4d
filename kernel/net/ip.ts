// Ethernet, ARP and IPv4 for the one link the machine has (10.0.2.0/24, the host at 10.0.2.2 is
// the only neighbour: its MAC is fixed, as QEMU's slirp gateway), and for the loopback interface
// (127.0.0.1, loopback.ts), whose frames come back through netRx. Builds frame headers for TCP and
// dispatches received frames: ARP requests for our address are answered, IPv4/TCP goes to tcp.ts,
// anything else is dropped and counted.
// Interface: netRx(pfn, len) (a received buffer: virtio header + frame), buildHeaders(slot, ...),
// netDropped, be16/be32 and put16/put32/putMac helpers, ipChecksum(addr, len).
import { NET_HDR_SIZE, ETH_HLEN, IP_HLEN, TCP_HLEN, ETH_P_IP, ETH_P_ARP, IPPROTO_TCP, GUEST_IP, HOST_IP,
  LOOPBACK_IP, GUEST_MAC_HI, GUEST_MAC_LO, HOST_MAC_HI, HOST_MAC_LO, NET_HDR_F_NEEDS_CSUM, GSO_NONE, GSO_TCPV4, MSS, IP_DF, IP_TTL, TCPOPT_MSS, TCPOPT_NOP, TCPOPT_WSCALE } from "../abi/net";
import { pa, kput } from "../kalloc";
import { tcpInput } from "./tcp";
import { arpReply } from "./arp";

export let netDropped: u32 = 0;
let ipId: u32 = 1;

@inline export function be16(a: usize): u32 { return (<u32>load<u8>(a) << 8) | load<u8>(a + 1); }
@inline export function be32(a: usize): u32 { return (be16(a) << 16) | be16(a + 2); }
@inline export function put16(a: usize, v: u32): void { store<u8>(a, <u8>(v >>> 8)); store<u8>(a + 1, <u8>v); }
@inline export function put32(a: usize, v: u32): void { put16(a, v >>> 16); put16(a + 2, v & 0xffff); }

export function ipChecksum(a: usize, len: u32): u32 {
  let sum: u32 = 0;
  for (let i: u32 = 0; i + 1 < len; i += 2) sum += be16(a + i);
  if (len & 1) sum += <u32>load<u8>(a + len - 1) << 8;
  while (sum >>> 16) sum = (sum & 0xffff) + (sum >>> 16);
  return ~sum & 0xffff;
}

export function putMac(a: usize, hi: u32, lo: u32): void { put16(a, hi); put32(a + 2, lo); }

// virtio-net header + Ethernet + IPv4 + TCP headers for one packet carrying `payload` bytes;
// `opts` TCP option bytes (4: MSS on SYN; 8: MSS and window scale 0, NOP-padded). Returns the header length.
export function buildHeaders(h: usize, lport: u32, rport: u32, seq: u32, ack: u32, flags: u32, win: u32,
                             payload: u32, opts: u32, tso: bool, raddr: u32 = HOST_IP): u32 {
  memory.fill(h, 0, NET_HDR_SIZE);
  const thl = TCP_HLEN + opts;
  store<u8>(h, NET_HDR_F_NEEDS_CSUM);
  const big = tso && payload > <u32>MSS;
  store<u8>(h + 1, big ? GSO_TCPV4 : GSO_NONE);
  store<u16>(h + 2, <u16>(ETH_HLEN + IP_HLEN + thl));          // hdr_len (little endian)
  store<u16>(h + 4, big ? <u16>MSS : 0);                        // gso_size
  store<u16>(h + 6, <u16>(ETH_HLEN + IP_HLEN));                 // csum_start
  store<u16>(h + 8, 16);                                        // csum_offset
  const e = h + NET_HDR_SIZE;
  putMac(e, HOST_MAC_HI, HOST_MAC_LO); putMac(e + 6, GUEST_MAC_HI, GUEST_MAC_LO); put16(e + 12, ETH_P_IP);
  const ip = e + ETH_HLEN;
  memory.fill(ip, 0, IP_HLEN + thl);
  store<u8>(ip, 0x45); put16(ip + 2, IP_HLEN + thl + payload); put16(ip + 4, ipId++ & 0xffff);
  put16(ip + 6, IP_DF); store<u8>(ip + 8, IP_TTL); store<u8>(ip + 9, IPPROTO_TCP);
  put32(ip + 12, raddr == LOOPBACK_IP ? LOOPBACK_IP : GUEST_IP); put32(ip + 16, raddr);
  put16(ip + 10, ipChecksum(ip, IP_HLEN));
  const t = ip + IP_HLEN;
  put16(t, lport); put16(t + 2, rport); put32(t + 4, seq); put32(t + 8, ack);
  store<u8>(t + 12, <u8>((thl / 4) << 4)); store<u8>(t + 13, <u8>flags); put16(t + 14, min(win, 0xffff));
  if (opts >= 4) { store<u8>(t + 20, TCPOPT_MSS); store<u8>(t + 21, 4); put16(t + 22, MSS); }
  if (opts == 8) { store<u8>(t + 24, TCPOPT_NOP); store<u8>(t + 25, TCPOPT_WSCALE); store<u8>(t + 26, 3); store<u8>(t + 27, 0); }
  return NET_HDR_SIZE + ETH_HLEN + IP_HLEN + thl;
}

// A received buffer (frame `pfn`): ownership passes to whoever keeps the payload, else freed here.
export function netRx(pfn: u32, len: u32): void {
  const b = pa(pfn);
  if (len < <u32>(NET_HDR_SIZE + ETH_HLEN)) { drop(pfn); return; }
  const e = b + NET_HDR_SIZE;
  const type = be16(e + 12);
  if (type == ETH_P_ARP) { arpReply(e, len - NET_HDR_SIZE); kput(pfn); return; }
  if (type != ETH_P_IP) { drop(pfn); return; }
  const ip = e + ETH_HLEN;
  const ihl = (<u32>load<u8>(ip) & 15) * 4;
  const total = be16(ip + 2);
  if ((load<u8>(ip) >>> 4) != 4 || ihl < 20 || total < ihl + TCP_HLEN || <u32>(NET_HDR_SIZE + ETH_HLEN) + total > len
      || load<u8>(ip + 9) != IPPROTO_TCP || !ours(be32(ip + 16)) || ipChecksum(ip, ihl) != 0) { drop(pfn); return; }
  if (!tcpInput(pfn, ip + ihl, total - ihl, be32(ip + 12))) kput(pfn);
}

function drop(pfn: u32): void { netDropped++; kput(pfn); }

// Addressed to us: the NIC's address, or the loopback interface's (loopback.ts).
function ours(dst: u32): bool { return dst == GUEST_IP || dst == LOOPBACK_IP; }
