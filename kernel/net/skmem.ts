// Socket memory, as Linux's tcp_mem (net/ipv4/tcp.c tcp_init_mem, net/core/sock.c
// __sk_mem_raise_allocated, tcp_check_oom): the frames sockets hold for data (send fragments the
// kernel copied from a user or a pipe, received segments) count against one limit for the
// machine, Linux's tcp_mem[2]: max(frames / 16, 128) * 3/4 * 2, about 9% of RAM. Frames that a
// zero-copy send pins (the user's, the page cache's) are not allocated and do not count; neither
// do the NIC's posted receive buffers nor each socket's two ring frames. Received segments count
// but are never refused (nothing is retransmitted on the virtual wire: a dropped segment would
// stall the connection); each socket's receive buffer bounds them.
// Over the limit a send takes no new frame unless its socket has nothing queued (Linux lets a
// socket below tcp_wmem[0] through), so a nonblocking send gets EAGAIN and a blocking one waits
// for its own ACKs; a connection closed with data queued while over the limit is reset at once
// instead of left as an orphan (TCPAbortOnMemory). Without the limit, sockets whose peer never
// reads could hold every frame: the next page fault of any process, which the OOM killer cannot
// tell from the socket's owner, killed the largest process.
// Interface: sockMemPages() -> frames held for data, sockMemLimit() -> frames, sockMemOver() -> bool,
// sockMemRoom(s) -> may s's send take a new frame; sendRoom(s, copies) -> bytes a send may queue
// now (sndSpace, or 0 when it copies into new frames and may not take one).
import { Owner } from "../abi/layout";
import { nframes, ownerCount } from "../kalloc";
import { nicRxPosted } from "./nic";
import { Sock, sockCount, sndSpace } from "./sock";

const RINGS_PER_SOCK: u32 = 2;          // sframe and qframe (sock.ts)

export function sockMemLimit(): u32 { return max(nframes() / 16, 128) * 3 / 4 * 2; }

export function sockMemPages(): u32 {
  const overhead = nicRxPosted() + RINGS_PER_SOCK * <u32>sockCount();
  const all = ownerCount(Owner.socket);
  return all > overhead ? all - overhead : 0;
}

export function sockMemOver(): bool { return sockMemPages() >= sockMemLimit(); }

export function sockMemRoom(s: Sock): bool { return s.sHead == s.sTail || !sockMemOver(); }

export function sendRoom(s: Sock, copies: bool): u32 { return !copies || sockMemRoom(s) ? sndSpace(s) : 0; }
