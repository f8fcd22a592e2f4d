// A system call's name from its number, for traces, the per-syscall counters and hung-task reports:
// Linux's ("read"), the WASI personality's ("fd_write"), else "syscall_0x1f3". Apart from
// signatures.ts (argument decoding) so the counters need none of the trace formatting.
// Interface: sysName(nr).
import { Sys, WASI_BASE } from "../../kernel/abi/syscalls";
import { Wasi, NWASI } from "../../kernel/abi/wasi";

export function sysName(nr: number): string {
  if (nr >= WASI_BASE && nr < WASI_BASE + NWASI) return Wasi[nr - WASI_BASE];
  return Sys[nr] ?? `syscall_${nr === 0 ? "0" : "0x" + nr.toString(16)}`;
}
