// Pipes: a ring of slots like Linux's pipe_buffer { page, offset, len, flags } in a frame of the
// pipe's own (16 slots by default, F_SETPIPE_SZ up to 256). write() copies user data into frames
// the pipe owns (a CPU copy); read() copies out (a CPU copy). splice/tee/vmsplice move frame
// references through the slots instead of bytes (splice.ts). A full pipe blocks the writer, an empty
// one the reader; EAGAIN with O_NONBLOCK; EPIPE and SIGPIPE with no reader; end of file with no writer.
// Interface: Pipe, Slot, pipeInit(base), pipeAt(i), pipeAlloc() -> index (-1: table full, -2: no
// memory), pipeRead(p, i, va, n, nb), pipeWrite(p, i, va, n, nb), pipeClose(i, writer),
// pipeSetSize(i, bytes), pipeSize(i), pipeFull(pp), slot helpers for splice: slotAt, pushSlot,
// consume, pipeChan.
import { Errno } from "./abi/errno";
import { Sig } from "./abi/signals";
import { Owner, PipeSlotFlag, PAGE_SIZE } from "./abi/layout";
import { SLOT_SIZE } from "./abi/records";
import { Routine, Place } from "./abi/trace";
import { Proc } from "./proc";
import { sendSignal } from "./signal";
import { sleepOn, wakeup, progress, keepProgress } from "./sleep";
import { kput, pa } from "./kalloc";
import { allocFrame } from "./pagecache";
import { copyToUser, copyFromUser } from "./copy";

export const NPIPE: i32 = 64;
export const PIPE_REC: usize = 32;
const PIPE_CHAN: u32 = 0xfd000000;
export const SLOT_CAN_MERGE: u32 = PipeSlotFlag.canMerge;
export const SLOT_GIFT: u32 = PipeSlotFlag.gift;

@unmanaged export class Pipe {
  used: u32;
  readers: u32;
  writers: u32;
  head: u32;       // next slot to fill (free running)
  tail: u32;       // next slot to read
  nslots: u32;     // capacity (power of two)
  slots: u32;      // frame holding the slot ring
  bytes: u32;      // bytes queued
}
@unmanaged export class Slot { pfn: u32; off: u32; len: u32; flags: u32; }

let base: usize = 0;
export function pipeInit(a: usize): void { base = a; memory.fill(a, 0, <usize>NPIPE * PIPE_REC); }
@inline export function pipeAt(i: i32): Pipe { return changetype<Pipe>(base + <usize>i * PIPE_REC); }
@inline export function pipeChan(i: i32): u32 { return PIPE_CHAN | <u32>i; }
@inline export function slotAt(pp: Pipe, k: u32): Slot { return changetype<Slot>(pa(pp.slots) + <usize>(k & (pp.nslots - 1)) * SLOT_SIZE); }
@inline export function pipeFull(pp: Pipe): bool { return pp.head - pp.tail >= pp.nslots; }

export function pipeAlloc(): i32 {
  for (let i = 0; i < NPIPE; i++) {
    const pp = pipeAt(i);
    if (pp.used) continue;
    const f = allocFrame(Owner.pipe);
    if (f == 0) return -2;
    memory.fill(changetype<usize>(pp), 0, PIPE_REC);
    pp.used = 1; pp.readers = 1; pp.writers = 1; pp.nslots = 16; pp.slots = f;
    return i;
  }
  return -1;
}

export function pushSlot(i: i32, pfn: u32, off: u32, len: u32, flags: u32): void {
  const pp = pipeAt(i);
  const s = slotAt(pp, pp.head++);
  s.pfn = pfn; s.off = off; s.len = len; s.flags = flags;
  pp.bytes += len;
  wakeup(pipeChan(i));
}

// Drop `n` bytes from the front (n <= the front slot's length); frees the slot when empty.
export function consume(i: i32, n: u32): void {
  const pp = pipeAt(i);
  const s = slotAt(pp, pp.tail);
  s.off += n; s.len -= n; pp.bytes -= n;
  if (s.len == 0) { kput(s.pfn); pp.tail++; }
  wakeup(pipeChan(i));
}

function sleepPipe(p: Proc, i: i32, nb: bool): i64 {
  if (nb) return -Errno.EAGAIN;
  return sleepOn(p, pipeChan(i));
}

export function pipeRead(p: Proc, i: i32, va: u32, n: u32, nb: bool): i64 {
  const pp = pipeAt(i);
  if (n == 0) return 0;
  if (pp.head == pp.tail) return pp.writers == 0 ? 0 : sleepPipe(p, i, nb);
  let done: u32 = 0;
  while (done < n && pp.head != pp.tail) {
    const s = slotAt(pp, pp.tail);
    const chunk = min(n - done, s.len);
    if (copyToUser(p, va + done, pa(s.pfn) + s.off, chunk, Routine.copy_to_user, Place.frame) < 0) return done > 0 ? <i64>done : -Errno.EFAULT;
    done += chunk;
    consume(i, chunk);
  }
  return done;
}

// Blocking writes move everything (resuming where they slept: progress); nonblocking ones what fits.
export function pipeWrite(p: Proc, i: i32, va: u32, n: u32, nb: bool): i64 {
  const pp = pipeAt(i);
  let done = progress(p);
  if (pp.readers == 0) { sendSignal(p, Sig.SIGPIPE); return done > 0 ? <i64>done : -Errno.EPIPE; }
  while (done < n) {
    const r = appendLast(p, pp, va + done, n - done);
    if (r < 0) return done > 0 ? <i64>done : r;
    if (r > 0) { done += <u32>r; continue; }
    if (pipeFull(pp)) {
      if (nb) return done > 0 ? <i64>done : -Errno.EAGAIN;
      keepProgress(p, done);
      return sleepPipe(p, i, false);
    }
    const f = allocFrame(Owner.pipe);
    if (f == 0) return done > 0 ? <i64>done : -Errno.ENOMEM;
    const chunk = min(n - done, PAGE_SIZE);
    if (copyFromUser(p, pa(f), va + done, chunk, Routine.copy_from_user, Place.frame) < 0) { kput(f); return done > 0 ? <i64>done : -Errno.EFAULT; }
    pushSlot(i, f, 0, chunk, SLOT_CAN_MERGE);
    done += chunk;
  }
  return done;
}

// Append to the newest slot when the pipe owns its page and there is room (as Linux merges writes).
function appendLast(p: Proc, pp: Pipe, va: u32, n: u32): i64 {
  if (pp.head == pp.tail) return 0;
  const s = slotAt(pp, pp.head - 1);
  if (!(s.flags & SLOT_CAN_MERGE) || s.off + s.len >= <u32>PAGE_SIZE) return 0;
  const chunk = min(n, PAGE_SIZE - (s.off + s.len));
  if (copyFromUser(p, pa(s.pfn) + s.off + s.len, va, chunk, Routine.copy_from_user, Place.frame) < 0) return -Errno.EFAULT;
  s.len += chunk; pp.bytes += chunk;
  wakeup(pipeChan(<i32>((changetype<usize>(pp) - base) / PIPE_REC)));
  return chunk;
}

export function pipeClose(i: i32, writer: bool): void {
  const pp = pipeAt(i);
  if (writer) pp.writers--; else pp.readers--;
  wakeup(pipeChan(i));
  if (pp.readers > 0 || pp.writers > 0) return;
  while (pp.head != pp.tail) { kput(slotAt(pp, pp.tail).pfn); pp.tail++; }
  kput(pp.slots);
  pp.used = 0;
}

// F_SETPIPE_SZ: round up to a power-of-two number of pages (1 .. 256; 0 is one page, as Linux's
// round_pipe_size); EBUSY if the data would not fit.
export function pipeSetSize(i: i32, bytes: i64): i64 {
  if (bytes < 0 || bytes > 1 << 20) return bytes < 0 ? -Errno.EINVAL : -Errno.EPERM;
  let n: u32 = 1;
  while (<i64>n * PAGE_SIZE < bytes) n <<= 1;
  const pp = pipeAt(i);
  if (pp.head - pp.tail > n) return -Errno.EBUSY;
  if (n != pp.nslots) relayout(pp, n);
  return <i64>n * PAGE_SIZE;
}

const tmp: usize = memory.data(256 * 16);   // slot copies while the ring is laid out again

function relayout(pp: Pipe, n: u32): void {
  const count = pp.head - pp.tail;
  for (let k: u32 = 0; k < count; k++) memory.copy(tmp + <usize>k * 16, changetype<usize>(slotAt(pp, pp.tail + k)), 16);
  pp.nslots = n; pp.tail = 0; pp.head = count;
  memory.copy(pa(pp.slots), tmp, <usize>count * 16);
}

export function pipeSize(i: i32): i64 { return <i64>pipeAt(i).nslots * PAGE_SIZE; }
