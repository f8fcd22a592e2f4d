// Console (the device under the tty): fd 0, 1, 2 of a process the host starts. Output is copied
// from the user (copy_from_user) into the tty buffer, which the host prints (with NL -> CR NL when
// the line discipline asks for it); input arrives from the host at the staging address (a receive
// interrupt) and goes into the input ring: through the line discipline (tty.ts: editing, echo,
// signals) when a terminal is behind the console, as it is otherwise.
//
//   input ring (TTY_BUF bytes, free-running indices)
//   ... | read by the guest | lines ready (canonical) | line being edited | free | ...
//         ^ring.head (next byte to read)   ^tty.ts canon   ^ring.tail (next byte to write)
//
// Interface: ttyInit(outBuf, inBuf, stage), ttyWrite(p, hostFd, va, n), ttyWriteKernel(hostFd,
// addr, n) (kernel log lines, pipe pages), consoleOut(hostFd, addr, n) (the tty buffer to the host),
// ttyOutBuf(), ttyRead(p, va, n), ttyStage() (where the host puts input), ttyInput(n) (host put n
// bytes at the staging address), ttyEof(), ttyWaiting(), ttyReadable() (poll); the ring for
// tty.ts: Ring, consoleRing(), ringByte(i), ringPut(i, c), TTY_CHAN.
import { Routine, Place, Ev } from "./abi/trace";
import { Stat } from "./abi/layout";
import { Dev } from "./abi/virtio";
import { statAdd } from "./stats";
import { nextSeq, traceEmit, curCause, setCause } from "./trace";
import { TTY_BUF } from "./param";
import { Proc, procSlots, procAt, SLEEPING } from "./proc";
import { wakeup, sleepersOn, POLL_CHAN } from "./sleep";
import { Errno } from "./abi/errno";
import { copyFromUser, countCopy } from "./copy";
import { hostConsoleWrite } from "./host";
import { ldiscInit, ldiscReceive, ldiscRead, ldiscReadable, ldiscRoom, ldiscOnlcr, ttyIsTerminal } from "./tty";

export const TTY_CHAN: u32 = 0xffff0001;   // sleep channel of console readers
const NL: u8 = 0x0a;

@unmanaged export class Ring {
  out: usize;      // output buffer (TTY_BUF)
  buf: usize;      // input ring (TTY_BUF)
  stage: usize;    // where the host drops input bytes
  head: u32;       // next byte to read (free-running)
  tail: u32;       // next byte to write (free-running)
  eof: u32;        // host stdin closed
}
const ring = changetype<Ring>(memory.data(offsetof<Ring>()));
// The console's rings, for the line discipline (tty.ts).
@inline export function consoleRing(): Ring { return ring; }
const crnl: usize = memory.data<u8>([0x0d, 0x0a]);   // what ONLCR writes for a NL

@inline export function ringByte(i: u32): u8 { return load<u8>(ring.buf + (i % <u32>TTY_BUF)); }
@inline export function ringPut(i: u32, c: u8): void { store<u8>(ring.buf + (i % <u32>TTY_BUF), c); }

export function ttyInit(out: usize, inBuf: usize, stage: usize): void {
  ring.out = out; ring.buf = inBuf; ring.stage = stage; ring.head = 0; ring.tail = 0; ring.eof = 0;
  ldiscInit();
}

export function ttyStage(): usize { return ring.stage; }
export function ttyOutBuf(): usize { return ring.out; }

// `n` bytes at `addr` (in the tty buffer) to the host's stream `hostFd`; with ONLCR each NL goes
// out as CR NL (opost in Linux's n_tty).
export function consoleOut(hostFd: u32, addr: usize, n: u32): void {
  if (!ldiscOnlcr()) { hostConsoleWrite(hostFd, addr, n); return; }
  let from: u32 = 0;
  for (let i: u32 = 0; i < n; i++) {
    if (load<u8>(addr + i) != NL) continue;
    if (i > from) hostConsoleWrite(hostFd, addr + from, i - from);
    hostConsoleWrite(hostFd, crnl, 2);
    from = i + 1;
  }
  if (n > from) hostConsoleWrite(hostFd, addr + from, n - from);
}

export function ttyWrite(p: Proc, hostFd: u32, va: u32, n: u32): i64 {
  let done: u32 = 0;
  while (done < n) {
    const chunk = min(n - done, <u32>TTY_BUF);
    if (copyFromUser(p, ring.out, va + done, chunk, Routine.tty_write) < 0) return done > 0 ? <i64>done : -Errno.EFAULT;
    consoleOut(hostFd, ring.out, chunk);
    done += chunk;
  }
  return done;
}

// Kernel-held bytes (e.g. a pipe's page) to the console: copied into the tty buffer (one CPU copy).
export function ttyWriteKernel(hostFd: u32, addr: usize, n: u32): void {
  let done: u32 = 0;
  while (done < n) {
    const chunk = min(n - done, <u32>TTY_BUF);
    memory.copy(ring.out, addr + done, chunk);
    countCopy(Routine.tty_write, <u64>(addr + done), <u64>ring.out, chunk, Place.frame, Place.kernel);
    consoleOut(hostFd, ring.out, chunk);
    done += chunk;
  }
}

export function ttyRead(p: Proc, va: u32, n: u32): i64 { return ldiscRead(p, va, n); }

// The host wrote `n` bytes at the staging address: move what fits into the ring (through the line
// discipline when a terminal is behind the console); returns bytes taken.
export function ttyInput(n: u32): u32 {
  const take = min(n, ldiscRoom());
  if (take == 0) return 0;
  statAdd(Stat.irqs, 1);                                  // the console's receive interrupt
  const saved = curCause;
  const s = nextSeq();
  traceEmit(s, Ev.irq, Dev.console, 0, 0, 0, 0, 0, 0);
  setCause(s);
  countCopy(Routine.tty_input, <u64>ring.stage, <u64>ring.buf, take, Place.device, Place.kernel);
  if (ttyIsTerminal()) {
    for (let i: u32 = 0; i < take; i++) ldiscReceive(load<u8>(ring.stage + i));
  } else {
    for (let i: u32 = 0; i < take; i++) ringPut(ring.tail + i, load<u8>(ring.stage + i));
    ring.tail += take;
    wakeup(TTY_CHAN);
  }
  setCause(saved);
  return take;
}

export function ttyEof(): void { ring.eof = 1; wakeup(TTY_CHAN); }

// Would a read of the console return now (input ready, or the host's stdin closed)? (poll)
export function ttyReadable(): bool { return ldiscReadable(); }

// Processes waiting for console input: readers, and pollers watching the console (poll.ts).
export function ttyWaiting(): i32 {
  let n = sleepersOn(TTY_CHAN);
  for (let i = 0; i < procSlots(); i++) {
    const p = procAt(i);
    if (!p) continue;
    if (p.state == SLEEPING && p.chan == POLL_CHAN && p.pollTty != 0) n++;
  }
  return n;
}
