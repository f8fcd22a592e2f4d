// AF_PACKET's transmit ring (struct tpacket_req, the frame header fields, TP_STATUS_*):
// kernel/abi/packet.ts, re-exported for guest programs.
export * from "../../../kernel/abi/packet";
