// Process ids. Allocation as Linux's alloc_pid: the id after the last one given, up to pid_max
// (exclusive), then wrapping to RESERVED_PIDS, skipping ids still in use; a hash from pid to
// process record (chained through each record's tail), so a lookup does not scan the table.
// Interface: pidInit(), allocPid() -> pid (0: every id is in use), idInUse(id), pidHashAdd(p),
// pidHashDel(p), pidLookup(pid) -> Proc | null, setPidMax(n) -> 0 or -EINVAL (the host's pidMax
// option; Linux's /proc/sys/kernel/pid_max), pidMax(), lastPid() (the pid given last).
import { Errno } from "./abi/errno";
import { PID_MAX, PID_MAX_MIN, RESERVED_PIDS } from "./param";
import { Proc, PIDHASH_OFF, procSlots, procAt, UNUSED } from "./proc";
import { panic } from "./panic";

const PIDHASH: u32 = 1 << 10;                             // buckets (a power of two)
const buckets: usize = memory.data(<i32>PIDHASH * 4);    // first record of each chain (0: none)
let last: u32 = 0;                                    // the last pid given (Linux's idr cursor)
let pidMaxV: u32 = PID_MAX;

export function pidInit(): void {
  memory.fill(buckets, 0, <usize>PIDHASH * 4);
  last = 0;
  pidMaxV = PID_MAX;
}

export function pidMax(): u32 { return pidMaxV; }
export function setPidMax(n: u32): i32 {
  if (n < PID_MAX_MIN || n > PID_MAX) return -Errno.EINVAL;
  pidMaxV = n;
  return 0;
}

@inline function bucket(pid: u32): usize { return buckets + (<usize>(pid & (PIDHASH - 1)) << 2); }
@inline function chainOf(rec: usize): usize { return rec + PIDHASH_OFF; }

export function pidHashAdd(p: Proc): void {
  const a = changetype<usize>(p);
  store<u32>(chainOf(a), load<u32>(bucket(p.pid)));
  store<u32>(bucket(p.pid), <u32>a);
}

export function pidHashDel(p: Proc): void {
  const a = changetype<usize>(p);
  let link = bucket(p.pid);
  for (let q = <usize>load<u32>(link); q != 0; q = <usize>load<u32>(link)) {
    if (q == a) { store<u32>(link, load<u32>(chainOf(q))); return; }
    link = chainOf(q);
  }
  panic("pidHashDel: process not in the pid hash");
}

export function pidLookup(pid: u32): Proc | null {
  if (pid == 0) return null;
  for (let q = <usize>load<u32>(bucket(pid)); q != 0; q = <usize>load<u32>(chainOf(q))) {
    if (changetype<Proc>(q).pid == pid) return changetype<Proc>(q);
  }
  return null;
}

// An id is in use while a process (a zombie too) has it as its pid, or a live process as its
// process group or session id (Linux's pid stays allocated while a group or session uses it).
export function idInUse(id: u32): bool { return pidLookup(id) != null || groupOrSessionUses(id); }

function groupOrSessionUses(id: u32): bool {
  for (let i = 0; i < procSlots(); i++) {
    const p = procAt(i);
    if (p && p.state != UNUSED && (p.pgid == id || p.sid == id)) return true;
  }
  return false;
}

// The pid given last (/proc/loadavg's last field, /proc/stat's processes).
export function lastPid(): u32 { return last; }

export function allocPid(): u32 {
  for (let n: u32 = 0; n < pidMaxV; n++) {
    last = last + 1 >= pidMaxV ? RESERVED_PIDS : last + 1;
    if (!idInUse(last)) return last;
  }
  return 0;
}
