// epoll instances (Linux's fs/eventpoll.c, kept small): an epoll is an open file (FT_EPOLL) whose
// interest list lives in frames the kernel allocates for it (Owner.epoll, so meminfo counts them),
// chained from File.ep. Readiness is poll.ts's filePoll, the one answer ppoll uses too; a wait that
// finds nothing sleeps in pollWait (sysepoll.ts).
//
//   interest-list frame (PAGE_SIZE bytes; the first frame's header also holds the list's state)
//   +------+-------+-------+--------+------+------------------+------------------+-----
//   | next | count | slots | cursor | (16) | item 0 (32 bytes) | item 1          | ... EPI_PER_FRAME
//   +------+-------+-------+--------+------+------------------+------------------+-----
//   next: the following frame (0: none); count: items in use; slots: items in all frames;
//   cursor: the item the next scan starts at (round robin, as Linux re-queues level-triggered items)
//
//   item (Linux's epitem)
//   +------+----+--------+-------+-----------+-------+------+
//   | file | fd | events | ready | data(u64) | level | last |
//   +------+----+--------+-------+-----------+-------+------+
//   file: open-file index + 1 (0: a free slot); events: what the caller asked, with EPOLLERR|EPOLLHUP;
//   ready: an edge-triggered event came and was not reported yet; level, last: a pipe's queued bytes
//   and the readiness mask at the last look (to tell new events from old, below).
//
// Edge-triggered items are armed by wakeups (Linux's ep_poll_callback): sleep.ts's wakeup(chan)
// calls epollWake(chan), which arms each EPOLLET item whose file sleeps on chan and is ready. Linux
// passes the wakeup's event kind (a key) and skips items that did not ask for it; wakeups carry no
// key here, so for a pipe the key is read from its byte count: more bytes is an EPOLLIN event,
// fewer an EPOLLOUT one, a new EPOLLHUP/EPOLLERR bit an event for everyone.
//
// Interface: for sysepoll.ts: epollCreate(flags) -> file index or -errno, epollFind(ep, fi, fd) ->
// item or null, epollAdd(ep, fi, fd, events, data), epollMod(item, events, data), epollDel(ep, item),
// epollLoops(epfi, fi) (ELOOP), epollScan(p, ep, va, max) -> events written, reported(k) (the last
// scan's first six events, for the trace); epollReady(ep) (poll.ts: filePoll of an epoll);
// epollWake(chan) (sleep.ts); epollRelease(fi) (file.ts: the last reference to a file went),
// epollFree(ep) (file.ts: an epoll's last reference went).
import { Errno } from "./abi/errno";
import { Owner, PAGE_SIZE } from "./abi/layout";
import { EPOLLIN, EPOLLOUT, EPOLLERR, EPOLLHUP, EPOLLET, EPOLLONESHOT, EP_PRIVATE_BITS, EP_MAX_NESTS,
  EPOLL_EVENT_SIZE, EPOLL_EVENT_EVENTS, EPOLL_EVENT_DATA } from "./abi/epoll";
import { NFILE } from "./param";
import { Proc } from "./proc";
import { File, fileAt, fileAlloc, FT_EPOLL, FT_PIPE, FT_SOCKET, FT_CONSOLE, O_RDWR } from "./file";
import { filePoll } from "./poll";
import { pipeAt, pipeChan } from "./pipe";
import { sockChan } from "./net/sock";
import { TTY_CHAN } from "./console";
import { allocFrame } from "./pagecache";
import { kput, pa } from "./kalloc";
import { copyToUser } from "./copy";

const EP_NEXT: usize = 0, EP_COUNT: usize = 4, EP_SLOTS: usize = 8, EP_CURSOR: usize = 12;
const EPI_FIRST: usize = 32;                   // items start here in every frame
const EPI_SIZE: usize = 32;
const EPI_PER_FRAME: u32 = <u32>((PAGE_SIZE - EPI_FIRST) / EPI_SIZE);
const EPI_ALWAYS: u32 = EPOLLERR | EPOLLHUP;  // reported whether asked or not
const KEYED: u32 = EPOLLIN | EPOLLOUT;         // events a pipe's byte count tells apart

@unmanaged class Epitem {
  file: u32;
  fd: i32;
  events: u32;
  ready: u32;
  data: u64;
  level: u32;
  last: u32;
}

let nEpoll: i32 = 0;                           // epolls open: 0 makes the hooks free
const ev: usize = memory.data(<i32>EPOLL_EVENT_SIZE);   // one epoll_event on its way out
const shown: usize = memory.data(8 * 6);       // the last scan's first six (fd, events), for the trace
let nShown: i32 = 0;

@inline function head(ep: File): usize { return pa(ep.ep); }
@inline function hdr(ep: File, off: usize): u32 { return load<u32>(head(ep) + off); }
@inline function setHdr(ep: File, off: usize, v: u32): void { store<u32>(head(ep) + off, v); }

// Item k of the list (k < slots), following the chain of frames.
function itemAt(ep: File, k: u32): Epitem {
  let f = head(ep);
  for (let i = k / EPI_PER_FRAME; i > 0; i--) f = pa(load<u32>(f + EP_NEXT));
  return changetype<Epitem>(f + EPI_FIRST + <usize>(k % EPI_PER_FRAME) * EPI_SIZE);
}

// --- The instance

export function epollCreate(flags: u32): i32 {
  const pfn = allocFrame(Owner.epoll);
  if (pfn == 0) return -Errno.ENOMEM;
  const fi = fileAlloc(FT_EPOLL, O_RDWR | flags);
  if (fi < 0) { kput(pfn); return -Errno.ENFILE; }
  const ep = fileAt(fi);
  ep.ep = pfn;
  setHdr(ep, EP_SLOTS, EPI_PER_FRAME);
  nEpoll++;
  return fi;
}

// The epoll's last reference went: give back its frames.
export function epollFree(ep: File): void {
  let pfn = ep.ep;
  while (pfn != 0) { const next = load<u32>(pa(pfn) + EP_NEXT); kput(pfn); pfn = next; }
  ep.ep = 0;
  nEpoll--;
}

// --- epoll_ctl

export function epollFind(ep: File, fi: i32, fd: i32): Epitem | null {
  const slots = hdr(ep, EP_SLOTS);
  for (let k: u32 = 0; k < slots; k++) {
    const e = itemAt(ep, k);
    if (e.file == <u32>fi + 1 && e.fd == fd) return e;
  }
  return null;
}

// A free item, adding a frame when all are taken (null: out of memory).
function freeItem(ep: File): Epitem | null {
  const slots = hdr(ep, EP_SLOTS);
  for (let k: u32 = 0; k < slots; k++) { const e = itemAt(ep, k); if (e.file == 0) return e; }
  const pfn = allocFrame(Owner.epoll);
  if (pfn == 0) return null;
  let f = head(ep);
  while (load<u32>(f + EP_NEXT) != 0) f = pa(load<u32>(f + EP_NEXT));
  store<u32>(f + EP_NEXT, pfn);
  setHdr(ep, EP_SLOTS, slots + EPI_PER_FRAME);
  return itemAt(ep, slots);
}

export function epollAdd(ep: File, fi: i32, fd: i32, events: u32, data: u64): i64 {
  const e = freeItem(ep);
  if (e == null) return -Errno.ENOMEM;
  e.file = <u32>fi + 1; e.fd = fd;
  setHdr(ep, EP_COUNT, hdr(ep, EP_COUNT) + 1);
  epollMod(e, events, data);
  return 0;
}

// Set what the item watches; an edge-triggered one ready now has an event at once (ep_insert and
// ep_modify queue an item that is ready).
export function epollMod(e: Epitem, events: u32, data: u64): void {
  e.events = events | EPI_ALWAYS; e.data = data;
  const m = itemPoll(e);
  e.ready = m != 0 ? 1 : 0;
  e.last = m; e.level = pipeBytes(e);
}

export function epollDel(ep: File, e: Epitem): void {
  e.file = 0;
  setHdr(ep, EP_COUNT, hdr(ep, EP_COUNT) - 1);
}

// Would watching epoll `fi` from epoll `ep` make a loop, or nest deeper than EP_MAX_NESTS?
export function epollLoops(ep: i32, fi: i32, depth: i32 = 1): bool {
  if (fi == ep || depth > EP_MAX_NESTS) return true;
  const f = fileAt(fi), slots = hdr(f, EP_SLOTS);
  for (let k: u32 = 0; k < slots; k++) {
    const e = itemAt(f, k);
    if (e.file != 0 && fileAt(<i32>e.file - 1).type == FT_EPOLL && epollLoops(ep, <i32>e.file - 1, depth + 1)) return true;
  }
  return false;
}

// --- Readiness

// The item's file's readiness, as much of it as the item watches.
function itemPoll(e: Epitem): u32 {
  return <u32>filePoll(<i32>e.file - 1) & e.events & ~EP_PRIVATE_BITS;
}

function pipeBytes(e: Epitem): u32 {
  const f = fileAt(<i32>e.file - 1);
  return f.type == FT_PIPE ? pipeAt(<i32>f.pipe).bytes : 0;
}

// Does the item have something to report now? (A level-triggered item: its file is ready.)
@inline function due(e: Epitem, m: u32): bool {
  return m != 0 && ((e.events & EPOLLET) == 0 || e.ready != 0);
}

// Scan the list from the cursor, write up to `max` events at va; the number written, or -EFAULT
// when the first could not be. Reported edge-triggered items wait for their next event, one-shot
// ones are disarmed (Linux's ep_send_events).
export function epollScan(p: Proc, ep: File, va: u32, max: i32): i64 {
  const slots = hdr(ep, EP_SLOTS), start = hdr(ep, EP_CURSOR) % slots;
  let n = 0;
  nShown = 0;
  for (let i: u32 = 0; i < slots && n < max; i++) {
    const k = (start + i) % slots, e = itemAt(ep, k);
    if (e.file == 0) continue;
    noteTty(p, e);
    const m = itemPoll(e);
    if (!due(e, m)) continue;
    store<u32>(ev + EPOLL_EVENT_EVENTS, m); store<u64>(ev + EPOLL_EVENT_DATA, e.data);
    if (copyToUser(p, va + <u32>n * EPOLL_EVENT_SIZE, ev, EPOLL_EVENT_SIZE) < 0) return n > 0 ? n : -Errno.EFAULT;
    consume(e, m);
    show(e.fd, m);
    if (++n == max) setHdr(ep, EP_CURSOR, k + 1);   // the rest go first next time
  }
  return n;
}

function consume(e: Epitem, m: u32): void {
  e.ready = 0; e.last = m; e.level = pipeBytes(e);
  if (e.events & EPOLLONESHOT) e.events &= EP_PRIVATE_BITS;
}

// A console watched for input: the host's real-time loop must know this sleeper waits for it.
function noteTty(p: Proc, e: Epitem): void {
  if (fileAt(<i32>e.file - 1).type == FT_CONSOLE && (e.events & EPOLLIN)) p.pollTty = 1;
}

function show(fd: i32, m: u32): void {
  if (nShown >= 6) return;
  store<u64>(shown + <usize>nShown * 8, <u64>(<u32>fd) | (<u64>m << 32));
  nShown++;
}
// The k-th event of the last scan as fd | events << 32 (k < 6), 0 past the end.
export function reported(k: i32): u64 { return k < nShown ? load<u64>(shown + <usize>k * 8) : 0; }

// An epoll is readable when a wait would report something (ep_eventpoll_poll); nothing is consumed.
export function epollReady(ep: File): bool {
  const slots = hdr(ep, EP_SLOTS);
  for (let k: u32 = 0; k < slots; k++) {
    const e = itemAt(ep, k);
    if (e.file != 0 && due(e, itemPoll(e))) return true;
  }
  return false;
}

// --- Hooks

// wakeup(chan) ran: arm the edge-triggered items of files that sleep on chan (an epoll inside an
// epoll: on any chan) and have a new event.
export function epollWake(chan: u32): void {
  if (nEpoll == 0) return;
  for (let i = 0; i < NFILE; i++) {
    const ep = fileAt(i);
    if (ep.type != FT_EPOLL || ep.ref == 0) continue;
    const slots = hdr(ep, EP_SLOTS);
    for (let k: u32 = 0; k < slots; k++) {
      const e = itemAt(ep, k);
      if (e.file != 0 && (e.events & EPOLLET) && sleepsOn(<i32>e.file - 1, chan)) arm(e);
    }
  }
}

function arm(e: Epitem): void {
  const m = itemPoll(e), bytes = pipeBytes(e);
  let event = m != 0;
  if (fileAt(<i32>e.file - 1).type == FT_PIPE) {
    const key: u32 = (bytes > e.level ? EPOLLIN : 0) | (bytes < e.level ? EPOLLOUT : 0);
    event = (m & ~KEYED & ~e.last) != 0 || (m & KEYED & key) != 0;
  }
  if (event) e.ready = 1;
  e.last = m; e.level = bytes;
}

function sleepsOn(fi: i32, chan: u32): bool {
  const f = fileAt(fi);
  if (f.type == FT_PIPE) return chan == pipeChan(<i32>f.pipe);
  if (f.type == FT_SOCKET) return chan == sockChan(<i32>f.sock);
  if (f.type == FT_CONSOLE) return chan == TTY_CHAN;
  return f.type == FT_EPOLL;
}

// The last reference to open file fi went: it leaves every interest list (eventpoll_release).
export function epollRelease(fi: i32): void {
  if (nEpoll == 0) return;
  for (let i = 0; i < NFILE; i++) {
    const ep = fileAt(i);
    if (ep.type != FT_EPOLL || ep.ref == 0 || i == fi) continue;
    const slots = hdr(ep, EP_SLOTS);
    for (let k: u32 = 0; k < slots; k++) {
      const e = itemAt(ep, k);
      if (e.file == <u32>fi + 1) epollDel(ep, e);
    }
  }
}
