// kernel.wasm's exports. Three audiences:
//  - guests (wired by the host as imports): syscall, wasi, preempt, the signal entries (sigmask,
//    sigenter, sigreturn, sigresult) and the MMU slow path "mmu.*";
//  - the host's machine: boot, process loading, scheduling, console input, tracing, cost model;
//  - inspection (read-only views for tools and tests): see inspect.ts.
export { boot, kernelEnd } from "./boot";
export { syscall } from "./syscall";
export { wasi } from "./wasi";
export { wasiPreopen } from "./wasifd";
export { sigmask, sigenter, sigreturn, sigresult } from "./signal";
export { ld8, ld16, ld32, ld64, st8, st16, st32, st64 } from "./mmu";
export { size, grow, copy, fill } from "./brk";
export { preempt, procResume, procExitCurrent, procKill, procKilled, procReap, procState, procStatus, kstackPage, kstackGrow, kstackSize, chargeUserTime, debugArmPanic } from "./machine";
export { procCreate, execSetup, execLoad, execArgs, procStart, stageAddr } from "./exec";
export { schedule, nextDeadline } from "./sched";
export { ttyStage, ttyInput, ttyEof, ttyWaiting } from "./console";
export { ttySetTerminal, ttySetWinsize, ttyIntrUnanswered } from "./tty";
export { setTraceMask, traceReset, traceBase, traceCount } from "./trace";
export { setCost, getCost } from "./clock";
export * from "./inspect";
export { nameBuf, inodeName, procComm } from "./names";
export { kscramble } from "./kalloc";
export { mount, netInit, irq, shutdown, dropCaches, pcStats, idleUntil, clockNowNs, execLookup, execRead, fileSize } from "./storage";
export { execPending, execArgLen, execBegin, execFail } from "./sysexec";
export { forkPending, forkDone } from "./fork";
export { netBusy } from "./net/sock";
export { randomSeed } from "./random";
export { procWchan, procSleepSys, hungTask } from "./wchan";
export { setPidMax } from "./pid";
import "./records";   // compile-time layout checks (no code; last, so the files above keep their order)
