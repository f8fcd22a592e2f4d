// The virtual network, shared by the kernel's stack and driver and the host's NIC and peer.
// QEMU user-networking addresses: the guest is 10.0.2.15/24, the host (gateway, services) 10.0.2.2.
//
// virtio-net: queue 0 = receive, queue 1 = transmit (abi/virtio.ts ring layout). Every packet on
// either queue starts with the 12-byte virtio_net_hdr, then the Ethernet frame:
//   { u8 flags, u8 gso_type, le16 hdr_len, le16 gso_size, le16 csum_start, le16 csum_offset, le16 num_buffers }
// TX: the driver posts one chain per packet: device-readable descriptors (virtio header + Ethernet/
//   IP/TCP headers in the first descriptor, payload pieces after). Feature SG says the NIC may gather
//   payload from any frames (page-cache pages, pinned user pages). Without SG the kernel only hands it
//   payload in the socket's own buffer pages, which it must fill by CPU copy first (the device cannot
//   tell whose pages they are, so it accepts any chain; the rule is the driver's). One chain = one
//   DMA transfer, however many descriptors it gathers. With feature TSO the driver may post a
//   TCP packet larger than the MTU with gso_type = GSO_TCPV4 and gso_size = MSS; the device cuts it
//   into MSS-sized segments on the wire (sequence numbers, IP ids, lengths and checksums fixed up).
//   (Linux ties TSO to SG; here they are independent switches, so `sg=off,tso=on` is a linear TSO send.)
// RX: the driver posts device-writable buffers of RX_BUF_SIZE bytes; the device writes the header and
//   one frame into one buffer (used length = 12 + frame bytes) and interrupts.
// Checksums (checksum offload, as virtio-net's VIRTIO_NET_F_CSUM): the guest fills in the IPv4
// header checksum; for TCP it sets hdr.flags = NET_HDR_F_NEEDS_CSUM and leaves the TCP checksum
// field 0 (csum_start = 34, csum_offset = 16): the DEVICE computes the full TCP checksum (pseudo
// header + segment) for every frame it puts on the wire. So the kernel never reads payload bytes
// to checksum them (a zero-copy send touches no data with the CPU). On RX the device verifies the
// checksum and delivers with hdr.flags = NET_HDR_F_DATA_VALID; bad frames are dropped and counted.
// The peer (host side) trusts the checksums the NIC was asked to fill in (its own device: they are
// summed only for a pcap or when a test asks, host/net/slirp.ts) and checks every other one.
export const NET_HDR_F_NEEDS_CSUM = 1;
export const NET_HDR_F_DATA_VALID = 2;
export const NET_HDR_SIZE = 12;
export const RXQ = 0;
export const TXQ = 1;
export const RX_BUF_SIZE = 2048;          // one posted receive buffer (header + up to 1514 bytes)
export const MTU = 1500;
export const ETH_HLEN = 14;
export const IP_HLEN = 20;                // no IP options
export const TCP_HLEN = 20;               // no TCP options except MSS on SYN (4 more bytes)
export const MSS = MTU - IP_HLEN - TCP_HLEN;   // 1460
export const MAX_TSO = 65536 - 64;        // largest TSO packet payload

export enum NetFeature { sg = 1, tso = 2, eventIdx = 4 }   // NIC config field 1 (bits); eventIdx: abi/virtio.ts
export enum NetConfig { present = 0, features = 1, macHi = 2, macLo = 3 }   // virtioConfig(Dev.net, field)
export const GSO_NONE = 0;
export const GSO_TCPV4 = 1;
export const GSO_ECN = 0x80;              // gso_type flag: ECN (the host NIC does not offer it)

export const ETH_P_IP = 0x0800;
export const ETH_P_ARP = 0x0806;
export { IPPROTO_TCP } from "./socket";

// Addresses as host-order u32 (10.0.2.15 = 0x0a00020f).
export const GUEST_IP = 0x0a00020f;
export const HOST_IP = 0x0a000202;
export const LOOPBACK_IP = 0x7f000001;    // 127.0.0.1 (INADDR_LOOPBACK): the loopback interface, inside the kernel
export const NETMASK = 0xffffff00;
// MACs: 52:54:00:12:34:56 (guest, QEMU's default) and 52:55:0a:00:02:02 (the host side, as slirp).
export const GUEST_MAC_HI = 0x5254;       // first 2 bytes
export const GUEST_MAC_LO = 0x00123456;   // last 4 bytes
export const HOST_MAC_HI = 0x5255;
export const HOST_MAC_LO = 0x0a000202;

// Services the host side runs on 10.0.2.2.
export const PORT_ECHO = 7;
export const PORT_DISCARD = 9;
export const PORT_CHARGEN = 19;
export const EPHEMERAL_LOW = 49152;       // first port for the guest's outgoing connections

// Header fields both sides build and check (added with the host's NIC and peer).
export const TCP_FIN = 0x01;              // TCP flags byte (offset 13 of the TCP header)
export const TCP_SYN = 0x02;
export const TCP_RST = 0x04;
export const TCP_PSH = 0x08;
export const TCP_ACK = 0x10;
export const TCP_URG = 0x20;
export const TCPOPT_END = 0;              // TCP option kinds
export const TCPOPT_NOP = 1;
export const TCPOPT_MSS = 2;              // { kind 2, len 4, be16 mss }, on SYN only
export const TCPOPT_WSCALE = 3;           // { kind 3, len 3, u8 shift }, on SYN only (RFC 7323), after a NOP
export const TCP_MAX_WSCALE = 14;         // largest shift RFC 7323 allows
export const TCP_DEFAULT_MSS = 536;       // MSS to assume when a SYN carries no MSS option (RFC 1122)
export const TCP_WINDOW = 65535;          // largest unscaled window (the host side's receive buffer)
export const IP_TTL = 64;                 // TTL of the packets either side sends
export const IP_DF = 0x4000;              // IPv4 flags/fragment field: don't fragment
export const ARP_HRD_ETHER = 1;           // ARP hardware type: Ethernet
export const ARP_REQUEST = 1;             // ARP opcodes
export const ARP_REPLY = 2;
