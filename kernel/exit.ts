// Process exit: release the address space and open files, become a zombie, wake the parent and
// send it SIGCHLD.
// Interface: procExit(p, waitStatus), exitBySignal(p, sig), uvmFree(p) (tears down all mappings),
// reap(p) -> wait status (frees the record).
import { PAGE_SIZE } from "./abi/layout";
import { Ev } from "./abi/trace";
import { NOFILE } from "./param";
import { Proc, ZOMBIE, UNUSED, procFree, procSlots, procAt, procByPid } from "./proc";
import { Sig, CLD_EXITED, CLD_KILLED, SIG_IGN, SA_NOCLDWAIT } from "./abi/signals";
import { sendSignalFrom, actionAt, SIGST_TRACED } from "./signal";
import { wakeup } from "./sleep";
import { vmaAt, vmaRelease } from "./vma";
import { iput } from "./inode";
import { unmapPage, pgdirFree } from "./vm";
import { putUserPage } from "./fault";
import { fdGet, fdClear, fileClose } from "./file";
import { nextSeq, traceEmit } from "./trace";
import { tlbForget } from "./sched";

export const WAIT_CHAN_BASE: u32 = 0x80000000;   // parent sleeps on WAIT_CHAN_BASE | pid in wait4

export function uvmFree(p: Proc): void {
  if (p.pgdir == 0) return;
  for (let i: u32 = 0; i < p.nvma; i++) {
    const v = vmaAt(p, i);
    for (let a = <u64>v.start; a < <u64>v.end; a += PAGE_SIZE) {
      const f = unmapPage(p.pgdir, <u32>a);
      if (f) putUserPage(f);
    }
  }
  for (let i: u32 = 0; i < p.nvma; i++) vmaRelease(vmaAt(p, i));
  p.nvma = 0;
  pgdirFree(p.pgdir);
  p.pgdir = 0;
  tlbForget(p.pid);
}

export function procExit(p: Proc, status: i32): void {
  for (let fd = 0; fd < NOFILE; fd++) {
    const f = fdGet(p, fd);
    if (f >= 0) { fileClose(f); fdClear(p, fd); }
  }
  uvmFree(p);
  if (p.cwd != 0) { iput(p.cwd); p.cwd = 0; }
  orphans(p);
  p.status = status;
  p.state = ZOMBIE;
  traceEmit(nextSeq(), Ev.exit, 0, <u64>status, 0, 0, 0, 0, 0);
  if (p.ppid != 0) wakeup(WAIT_CHAN_BASE | p.ppid);
  childSignal(p, status);
}

// SIGCHLD to the parent (its default action ignores it), si_code saying how the child ended. A
// parent that set SIGCHLD to SIG_IGN, or SA_NOCLDWAIT, leaves no zombie (Linux's autoreap in
// do_notify_parent): the child is handed to the host, which frees it, and wait4 no longer sees it.
function childSignal(p: Proc, status: i32): void {
  const parent = procByPid(p.ppid);
  if (!parent) return;
  const code = (status & 0x7f) == 0 ? CLD_EXITED : CLD_KILLED;
  const a = actionAt(parent, Sig.SIGCHLD);
  const siStatus = code == CLD_EXITED ? (status >> 8) & 0xff : status & 0x7f;
  if (a.handler != SIG_IGN) sendSignalFrom(parent, Sig.SIGCHLD, code, p.pid, -1, siStatus);
  if (a.handler == SIG_IGN || (a.flags & SA_NOCLDWAIT)) p.ppid = 0;
}

// Children of an exiting process go to the host (pid 0, our init); zombies among them are reaped.
function orphans(p: Proc): void {
  for (let i = 0; i < procSlots(); i++) {
    const c = procAt(i);
    if (!c) continue;
    if (c.state == UNUSED || c.ppid != p.pid) continue;
    c.ppid = 0;
    if (c.state == ZOMBIE) procFree(c);
  }
}

export function exitBySignal(p: Proc, sig: i32): void {
  if (!(p.sigState & SIGST_TRACED)) traceEmit(nextSeq(), Ev.signal, sig, p.pid, 0, 0, 0, 0, 0);
  procExit(p, sig & 0x7f);
}

// Take a zombie's wait status and free its record.
export function reap(p: Proc): i32 {
  const s = p.status;
  procFree(p);
  return s;
}
