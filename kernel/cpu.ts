// The CPU's current state: which process runs, in which mode. Interface: curPid(), curProc(),
// setCurrent(p), inKernel flags used to tell exceptions from user mode apart from kernel ones.
import { Proc } from "./proc";

let cur: usize = 0;          // running process record (0: none)
let curPidV: u32 = 0;

export function curProc(): Proc { return changetype<Proc>(cur); }
export function hasCur(): bool { return cur != 0; }
export function curPid(): u32 { return curPidV; }
export function setCurrent(p: Proc | null): void {
  cur = changetype<usize>(p);
  curPidV = p ? p.pid : 0;
}
