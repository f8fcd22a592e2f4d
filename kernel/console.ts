// Console (tty): fd 0, 1, 2 of the first process. Output is copied from the user (copy_from_user)
// into the tty buffer, which the host prints; input arrives from the host into a ring and wakes
// readers. A read with nothing buffered sleeps until input or end of file.
// Interface: ttyInit(outBuf, inBuf, stage), ttyWrite(p, hostFd, va, n), ttyWriteKernel(hostFd,
// addr, n) (kernel log lines), ttyRead(p, va, n), ttyStage() (where the host puts input),
// ttyInput(n) (host put n bytes at the staging address), ttyEof(), ttyWaiting(), ttyReadable() (poll).
import { Errno } from "./abi/errno";
import { Routine, Place, Ev } from "./abi/trace";
import { Stat } from "./abi/layout";
import { Dev } from "./abi/virtio";
import { statAdd } from "./stats";
import { nextSeq, traceEmit, curCause, setCause } from "./trace";
import { TTY_BUF } from "./param";
import { Proc, procSlots, procAt, SLEEPING } from "./proc";
import { sleepOn, wakeup, sleepersOn, POLL_CHAN } from "./sleep";
import { copyFromUser, copyToUser, countCopy } from "./copy";
import { hostConsoleWrite } from "./host";

export const TTY_CHAN: u32 = 0xffff0001;   // sleep channel of console readers

@unmanaged class Tty {
  out: usize;      // output buffer (TTY_BUF)
  ring: usize;     // input ring (TTY_BUF)
  stage: usize;    // where the host drops input bytes
  head: u32;       // next byte to read (free-running)
  tail: u32;       // next byte to write (free-running)
  eof: u32;        // host stdin closed
}
const tty = changetype<Tty>(memory.data(offsetof<Tty>()));

export function ttyInit(out: usize, ring: usize, stage: usize): void {
  tty.out = out; tty.ring = ring; tty.stage = stage; tty.head = 0; tty.tail = 0; tty.eof = 0;
}

export function ttyStage(): usize { return tty.stage; }

export function ttyWrite(p: Proc, hostFd: u32, va: u32, n: u32): i64 {
  let done: u32 = 0;
  while (done < n) {
    const chunk = min(n - done, <u32>TTY_BUF);
    if (copyFromUser(p, tty.out, va + done, chunk, Routine.tty_write) < 0) return done > 0 ? <i64>done : -Errno.EFAULT;
    hostConsoleWrite(hostFd, tty.out, chunk);
    done += chunk;
  }
  return done;
}

// Kernel-held bytes (e.g. a pipe's page) to the console: copied into the tty buffer (one CPU copy).
export function ttyWriteKernel(hostFd: u32, addr: usize, n: u32): void {
  let done: u32 = 0;
  while (done < n) {
    const chunk = min(n - done, <u32>TTY_BUF);
    memory.copy(tty.out, addr + done, chunk);
    countCopy(Routine.tty_write, <u64>(addr + done), <u64>tty.out, chunk, Place.frame, Place.kernel);
    hostConsoleWrite(hostFd, tty.out, chunk);
    done += chunk;
  }
}

export function ttyRead(p: Proc, va: u32, n: u32): i64 {
  if (n == 0) return 0;
  if (tty.head == tty.tail) {
    if (tty.eof) return 0;
    return sleepOn(p, TTY_CHAN);
  }
  const avail = tty.tail - tty.head;
  const at = tty.head % <u32>TTY_BUF;
  const chunk = min(min(n, avail), <u32>TTY_BUF - at);
  if (copyToUser(p, va, tty.ring + at, chunk, Routine.tty_read) < 0) return -Errno.EFAULT;
  tty.head += chunk;
  return chunk;
}

// The host wrote `n` bytes at the staging address: move what fits into the ring; returns bytes taken.
export function ttyInput(n: u32): u32 {
  const room = <u32>TTY_BUF - (tty.tail - tty.head);
  const take = min(n, room);
  if (take == 0) return 0;
  statAdd(Stat.irqs, 1);                                  // the console's receive interrupt
  const saved = curCause;
  const s = nextSeq();
  traceEmit(s, Ev.irq, Dev.console, 0, 0, 0, 0, 0, 0);
  setCause(s);
  countCopy(Routine.tty_input, <u64>tty.stage, <u64>tty.ring, take, Place.device, Place.kernel);
  setCause(saved);
  for (let i: u32 = 0; i < take; i++) {
    store<u8>(tty.ring + ((tty.tail + i) % <u32>TTY_BUF), load<u8>(tty.stage + i));
  }
  tty.tail += take;
  if (take > 0) wakeup(TTY_CHAN);
  return take;
}

export function ttyEof(): void { tty.eof = 1; wakeup(TTY_CHAN); }

// Would a read of the console return now (input queued, or the host's stdin closed)? (poll)
export function ttyReadable(): bool { return tty.head != tty.tail || tty.eof != 0; }

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
