// Hung tasks: when every process sleeps and nothing can wake any of them (no timer, no device, nothing
// from outside), the machine reports each one before it kills them, as Linux's hung-task detector
// does ("INFO: task cat:42 blocked for more than 120 seconds"): its pid, name, parent, the syscall it
// sleeps in and its wait channel (kernel/wchan.ts), named as /proc/PID/wchan names it, with words.
// Interface: HungTask, hungTask(k, pid, name) -> HungTask (traced and counted by the kernel),
// formatHungTasks(tasks, exitStatus) -> the report's lines, WAITS_ON (Wchan -> words).
import { Wchan } from "../kernel/abi/records";
import type { KernelExports } from "./kernel";
import { sysName } from "./trace/sysname";

/** One process found asleep with nothing that could ever wake it. */
export interface HungTask {
  pid: number;
  ppid: number;             // 0: spawned by the host
  name: string;             // the program's name (argv[0]'s last part)
  syscall: string | null;   // the call it sleeps in (null: none, e.g. stopped between calls)
  wchan: keyof typeof Wchan;   // what it waits on, as /proc/PID/wchan: "pipe_read", "do_wait" ...
  waitsOn: string;          // the same in words: "pipe read", "wait4 for children" ...
}

/** What each wait channel waits for, in words. */
export const WAITS_ON: Record<Wchan, string> = {
  [Wchan.none]: "nothing (not asleep)",
  [Wchan.pipe_read]: "pipe read",
  [Wchan.pipe_write]: "pipe write",
  [Wchan.do_wait]: "wait4 for children",
  [Wchan.inet_csk_accept]: "socket accept",
  [Wchan.sk_wait_data]: "socket recv",
  [Wchan.sk_stream_wait_memory]: "socket send (buffer full)",
  [Wchan.sk_stream_wait_connect]: "socket connect",
  [Wchan.n_tty_read]: "tty read",
  [Wchan.sigsuspend]: "sigsuspend/pause (a signal)",
  [Wchan.do_sys_poll]: "poll/select",
  [Wchan.ep_poll]: "epoll",
  [Wchan.hrtimer_nanosleep]: "nanosleep",
  [Wchan.do_fork]: "fork",
  [Wchan.do_execve]: "execve",
  [Wchan.do_signal_stop]: "stopped (SIGCONT)",
  [Wchan.unknown]: "an unknown channel",
  [Wchan.break_lease]: "a file lease's release (open)",
};

/** Report `pid` to the kernel (trace event, counter) and describe it. */
export function hungTask(k: KernelExports, pid: number, name: string): HungTask {
  const w = k.hungTask(pid) as Wchan;
  const nr = k.procSleepSys(pid);
  return { pid, ppid: k.ppidOf(pid), name, syscall: nr < 0 ? null : sysName(nr),
    wchan: (Wchan[w] ?? "unknown") as keyof typeof Wchan, waitsOn: WAITS_ON[w] ?? WAITS_ON[Wchan.unknown] };
}

/** The report, one line per task between a headline and the outcome (no trailing newline). */
export function formatHungTasks(tasks: HungTask[], exitStatus: number): string {
  const lines = tasks.map((t) => `INFO: task ${t.name}:${t.pid} blocked ${t.syscall ? `in ${t.syscall}()` : "outside a call"}: ` +
    `wchan ${t.wchan} (${t.waitsOn}), ppid ${t.ppid}`);
  return [`wasmos: hung tasks: every process sleeps and nothing can wake any of them`, ...lines,
    `wasmos: ${tasks.length} hung task${tasks.length === 1 ? "" : "s"} killed (SIGKILL); exit status ${exitStatus}`].join("\n");
}
