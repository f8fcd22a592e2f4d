// The loopback interface (Linux's lo, 127.0.0.1): a segment TCP sends to LOOPBACK_IP is built into a
// frame of its own, headers then the payload copied from the send queue's pieces (one copy, as
// Linux's loopback_xmit hands the skb over), and queued; loDrain gives the queued frames to netRx
// as if the NIC had received them. Delivery waits for a safe point (after a system call's handler,
// after a socket is closed), never inside TCP's own output or input, which a delivered segment
// re-enters (its ACK, the data the ACK lets out). Nothing is lost: a frame that cannot be had
// stops the sender, as a full transmit queue does.
// Interface: loXmit(lport, rport, seq, ack, flags, win, g, opts) -> false when no frame is free,
// loDrain().
import { Owner, PAGE_SIZE } from "../abi/layout";
import { LOOPBACK_IP } from "../abi/net";
import { pa } from "../kalloc";
import { allocFrame } from "../pagecache";
import { GFP_NORETRY } from "../oom";
import { buildHeaders, netRx } from "./ip";
import { Gather, gatherPiece } from "./nic";
import { panic } from "../panic";

const LOQ_LEN: u32 = 256;                       // frames waiting for delivery
const loq: usize = memory.data(<i32>LOQ_LEN * 8);   // { u32 pfn, u32 len }
let loHead: u32 = 0, loTail: u32 = 0;          // free running
let draining = false;

export function loXmit(lport: u32, rport: u32, seq: u32, ack: u32, flags: u32, win: u32, g: Gather | null, opts: u32): bool {
  if (loTail - loHead >= LOQ_LEN) return false;
  const f = allocFrame(Owner.socket, GFP_NORETRY);
  if (f == 0) return false;
  const b = pa(f);
  const n: u32 = g ? g.bytes : 0;
  let at = buildHeaders(b, lport, rport, seq, ack, flags, win, n, opts, false, LOOPBACK_IP);
  if (at + n > <u32>PAGE_SIZE) panic("loXmit: segment larger than a frame");
  for (let i: u32 = 0; g && i < g.n; i++) {
    const e = gatherPiece(g, i);
    memory.copy(b + at, pa(load<u32>(e)) + load<u32>(e + 4), load<u32>(e + 8));
    at += load<u32>(e + 8);
  }
  const r = loq + <usize>(loTail++ % LOQ_LEN) * 8;
  store<u32>(r, f); store<u32>(r + 4, at);
  return true;
}

// Deliver the queued frames, and those their delivery queues, until none is left.
export function loDrain(): void {
  if (draining) return;
  draining = true;
  while (loHead != loTail) {
    const r = loq + <usize>(loHead++ % LOQ_LEN) * 8;
    netRx(load<u32>(r), load<u32>(r + 4));
  }
  draining = false;
}
