// AF_PACKET's transmit ring (linux/if_packet.h), the subset packet sockets here speak, with the
// wasm32 sizes (unsigned long is 4 bytes): setsockopt(SOL_PACKET, PACKET_TX_RING, struct tpacket_req),
// mmap of the ring, frames marked TP_STATUS_SEND_REQUEST, then send(fd, NULL, 0, 0).
//
//   struct tpacket_req  { u32 tp_block_size, tp_block_nr, tp_frame_size, tp_frame_nr }   16 bytes
//   a frame             { tpacket_hdr (v1) or tpacket2_hdr (v2): u32 tp_status at 0, u32 tp_len at 4, ... }
//                       the packet's bytes at TPACKET_DATA (TPACKET_ALIGN of the header; v1 and v2 alike)
export const SOL_PACKET: i32 = 263;
export const PACKET_VERSION: i32 = 10;
export const PACKET_TX_RING: i32 = 13;
export const TPACKET_V1: i32 = 0;
export const TPACKET_V2: i32 = 1;
export const ETH_P_ALL: i32 = 0x0003;           // the protocol, network order in socket()'s argument (htons: 0x0300)

export const TPACKET_REQ_SIZE: u32 = 16;
export const TP_BLOCK_SIZE = 0;
export const TP_BLOCK_NR = 4;
export const TP_FRAME_SIZE = 8;
export const TP_FRAME_NR = 12;

export const TP_STATUS = 0;                     // u32 (unsigned long on wasm32)
export const TP_LEN = 4;                        // u32
export const TPACKET_ALIGNMENT: u32 = 16;
export const TPACKET_DATA: u32 = 32;            // where the packet starts in a frame (TX, no PACKET_TX_HAS_OFF)
export const TPACKET_HDRLEN: u32 = 52;          // header + struct sockaddr_ll: a frame's least size

export const TP_STATUS_AVAILABLE: u32 = 0;      // the program's: free to fill
export const TP_STATUS_SEND_REQUEST: u32 = 1;   // filled: send() takes it
export const TP_STATUS_SENDING: u32 = 2;        // the NIC has it
export const TP_STATUS_WRONG_FORMAT: u32 = 4;   // refused (length)

export const PKT_RING_MAX_PAGES: u32 = 64;      // the largest ring (256 KiB)
