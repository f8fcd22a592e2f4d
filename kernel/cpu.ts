// The CPU's current state: which process runs. Interface: curPid(), curProc(), hasCur() (a process
// is running), setCurrent(p).
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
