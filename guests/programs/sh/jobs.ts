// Jobs: background commands (`&`) and, on an interactive shell whose kernel has process groups,
// job control: each job in its own process group (setpgid), the terminal's foreground group set to
// the job it waits for (TIOCSPGRP) and taken back afterwards, SIGQUIT/SIGTSTP ignored by the shell
// and SIGINT caught without SA_RESTART (as dash does: Ctrl-C at the prompt interrupts the read,
// EINTR, and a new prompt follows), all restored to their defaults in its children (so Ctrl-C ends
// the foreground job, never the shell), a stopped job kept as "Stopped" for fg and bg.
// Without those calls (ENOSYS, ENOTTY) the shell carries on without job control: children stay in
// the shell's group and only the job table remains.
//
// Interface:
//   initJobControl()              at start, for an interactive shell
//   forkJob() -> pid              fork for a job (the job-control signals blocked until childSetup)
//   childSetup(pgid, fg)          in a forked child: its group (0: its own), the terminal if fg,
//                                 default signal actions; then the signals unblocked
//   parentSetup(pid, pgid)        in the shell after fork: the same setpgid (no race)
//   waitJob(pids, pgid, text) -> status   wait for a foreground job (stopped: kept as a job; each
//                                 process killed by a signal but SIGINT or SIGPIPE: its name on stderr)
//   addJob(pids, pgid, text)      a background job; printJobs() `jobs`; fg(arg) bg(arg) waitCmd(args)
//   jobPgid(spec)                 the group of %N, %+, %-
//   notifyJobs()                  report finished jobs (interactive, before a prompt)
//   statusOf(wstatus)             128+N for a signal, the code otherwise
import { getpid, getpgid, waitpid, kill, setpgid, tcsetpgrp, sigaction, sigignore, sigdefault, print, eprint,
  fork, sigprocmask, sigbit, SIG_BLOCK, SIG_UNBLOCK, WNOHANG, WUNTRACED, WIFEXITED, WEXITSTATUS, WTERMSIG, Sig, Errno } from "../../sdk";
import { sh, err } from "./vars";
import { pendingSignal, setResetHook } from "./trap";
import { signalDescription } from "./signames";

const STOP_MARK = 0x7f;                 // a wait status's low byte for a stopped child
const RUNNING = -1;                     // a pid's status before it has been reaped
const STATE_WIDTH = 27;                 // dash's column for the command text in `jobs`

class Job {
  id: i32; pgid: i32; pids: i32[]; statuses: i32[]; text: string; stopped: bool = false;
  constructor(id: i32, pids: i32[], pgid: i32, text: string) {
    this.id = id; this.pids = pids; this.pgid = pgid; this.text = text;
    this.statuses = new Array<i32>(pids.length).fill(RUNNING);
  }
  done(): bool { for (let i = 0; i < this.statuses.length; i++) if (this.statuses[i] == RUNNING) return false; return true; }
  status(): i32 { return statusOf(this.statuses[this.statuses.length - 1]); }
  interrupted(): bool {
    for (let i = 0; i < this.statuses.length; i++) {
      const w = this.statuses[i];
      if (w != RUNNING && !WIFEXITED(w) && !stoppedStatus(w) && WTERMSIG(w) == Sig.SIGINT) return true;
    }
    return false;
  }
}

let jobList = new Array<Job>();
let control = false;                    // job control is on
let shellPgid = 0;
let trapSignal = 0;                     // the trapped signal that ended `wait` (0: none)
const wst = memory.data(4);

export function statusOf(w: i32): i32 { return WIFEXITED(w) ? WEXITSTATUS(w) : 128 + WTERMSIG(w); }

function stoppedStatus(w: i32): bool { return (w & 0xff) == STOP_MARK; }

export function initJobControl(): void {
  if (!sh.interactive) return;
  sigaction(Sig.SIGINT, onInterrupt); sigignore(Sig.SIGQUIT); sigignore(Sig.SIGTSTP);
  sigignore(Sig.SIGTTIN); sigignore(Sig.SIGTTOU);
  setResetHook(ownDisposition);
  const pid = <i32>getpid();
  if (setpgid(0, 0) < 0 && getpgid(0) != pid) return;   // a session leader: EPERM, but it leads its group
  if (tcsetpgrp(0, pid) < 0) return;
  shellPgid = pid;
  control = true;
}

// The interactive shell's SIGINT handler: the handler's run is all it takes (the read or wait it
// interrupted returns EINTR); the status of the abandoned line is 128 + SIGINT, as in dash.
function onInterrupt(sig: i32): void { sh.status = 128 + sig; }

// `trap - SIG` in an interactive shell: its own SIGINT handler, its ignored job-control signals.
function ownDisposition(sig: i32): bool {
  if (sig == Sig.SIGINT) { sigaction(Sig.SIGINT, onInterrupt); return true; }
  if (sig == Sig.SIGQUIT || sig == Sig.SIGTSTP || sig == Sig.SIGTTIN || sig == Sig.SIGTTOU) { sigignore(sig); return true; }
  return false;
}

const JOB_SIGNALS: u64 = sigbit(Sig.SIGINT) | sigbit(Sig.SIGQUIT) | sigbit(Sig.SIGTSTP) | sigbit(Sig.SIGTTIN) | sigbit(Sig.SIGTTOU);

/** fork for a job: in an interactive shell the job-control signals stay blocked in the child until
 *  childSetup has given it their default actions, so a Ctrl-C that comes between fork and exec
 *  kills the child instead of running the shell's handler in it; the parent unblocks at once. */
export function forkJob(): i64 {
  if (!sh.interactive) return fork();
  sigprocmask(SIG_BLOCK, JOB_SIGNALS);
  const pid = fork();
  if (pid != 0) sigprocmask(SIG_UNBLOCK, JOB_SIGNALS);
  return pid;
}

// The group and the terminal first, while SIGTTOU is still ignored (a background job's child that
// takes the terminal would otherwise be stopped by it), then the default actions, then the signals
// forkJob blocked: a Ctrl-C that came meanwhile acts now.
export function childSetup(pgid: i32, fg: bool): void {
  if (control) {
    const me = <i32>getpid();
    setpgid(0, pgid == 0 ? me : pgid);
    if (fg) tcsetpgrp(0, pgid == 0 ? me : pgid);
  }
  if (sh.interactive) {
    sigdefault(Sig.SIGINT); sigdefault(Sig.SIGQUIT); sigdefault(Sig.SIGTSTP);
    sigdefault(Sig.SIGTTIN); sigdefault(Sig.SIGTTOU);
    sigprocmask(SIG_UNBLOCK, JOB_SIGNALS);
  }
}

export function parentSetup(pid: i32, pgid: i32): void {
  if (control) setpgid(pid, pgid == 0 ? pid : pgid);
}

/** Wait for every process of a foreground job; its status is the last one's. */
export function waitJob(pids: i32[], pgid: i32, text: string): i32 {
  if (pids.length == 0) return 0;
  const job = new Job(0, pids, pgid, text);
  const st = waitAll(job);
  if (control) tcsetpgrp(0, shellPgid);
  if (control && job.interrupted()) eprint("\n");   // dash: the job's SIGINT is the shell's (EXINT)
  if (job.stopped) {
    job.id = nextId();
    jobList.push(job);
    eprint("\n");
    print(jobLine(job, jobList.length - 1) + "\n");
  }
  return st;
}

// Wait for each process of the job still running; stops end the wait (job.stopped); each process
// a signal killed is reported (reportSignal). With byTrap (the `wait` built-in, which reports
// nothing) a trapped signal ends it: trapSignal is set and 128 + it returned.
function waitAll(job: Job, byTrap: bool = false): i32 {
  for (let i = 0; i < job.pids.length; i++) {
    if (job.statuses[i] != RUNNING) continue;
    if (byTrap && pendingSignal() != 0) { trapSignal = pendingSignal(); return 128 + trapSignal; }
    store<i32>(wst, 0);
    const r = waitpid(job.pids[i], wst, control ? WUNTRACED : 0);
    if (r == -Errno.EINTR) { i--; continue; }             // a handler ran: wait on (or the trap ends it)
    if (r < 0) { job.statuses[i] = 0; continue; }
    const w = load<i32>(wst);
    if (stoppedStatus(w)) { job.stopped = true; continue; }
    job.statuses[i] = w;
    if (!byTrap) reportSignal(w);
  }
  if (job.stopped) return 128 + ((load<i32>(wst) >> 8) & 0xff);
  if (byTrap && pendingSignal() != 0) { trapSignal = pendingSignal(); return 128 + trapSignal; }   // came with the end
  return job.status();
}

// dash's word on a process of a foreground job that a signal killed: the signal's description,
// on stderr (none for SIGINT and SIGPIPE, which are expected).
function reportSignal(w: i32): void {
  if (WIFEXITED(w)) return;
  const sig = WTERMSIG(w);
  if (sig != Sig.SIGINT && sig != Sig.SIGPIPE) eprint(signalDescription(sig) + "\n");
}

function nextId(): i32 {
  let id = 1;
  for (let i = 0; i < jobList.length; i++) if (jobList[i].id >= id) id = jobList[i].id + 1;
  return id;
}

export function addJob(pids: i32[], pgid: i32, text: string): void {
  const j = new Job(nextId(), pids, pgid, text);
  jobList.push(j);
  if (sh.interactive) eprint("[" + j.id.toString() + "] " + pids[pids.length - 1].toString() + "\n");
}

// Reap finished processes of the jobs without blocking.
function reap(): void {
  for (let k = 0; k < jobList.length; k++) {
    const j = jobList[k];
    for (let i = 0; i < j.pids.length; i++) {
      if (j.statuses[i] != RUNNING) continue;
      store<i32>(wst, 0);
      const r = waitpid(j.pids[i], wst, WNOHANG | (control ? WUNTRACED : 0));
      if (r < 0) j.statuses[i] = 0;
      else if (r > 0) {
        const w = load<i32>(wst);
        if (stoppedStatus(w)) j.stopped = true; else j.statuses[i] = w;
      }
    }
  }
}

function stateText(j: Job): string {
  if (!j.done()) return j.stopped ? "Stopped" : "Running";
  const w = j.statuses[j.statuses.length - 1];
  if (!WIFEXITED(w)) return "Signal " + WTERMSIG(w).toString();
  const code = WEXITSTATUS(w);
  return code == 0 ? "Done" : "Done(" + code.toString() + ")";
}

function jobLine(j: Job, index: i32): string {
  const mark = index == jobList.length - 1 ? "+" : index == jobList.length - 2 ? "-" : " ";
  return "[" + j.id.toString() + "] " + mark + " " + stateText(j).padEnd(STATE_WIDTH) + j.text;
}

/** `jobs`: every job with its state; finished ones are then forgotten. */
export function printJobs(): i32 {
  reap();
  for (let i = 0; i < jobList.length; i++) print(jobLine(jobList[i], i) + "\n");
  forgetDone();
  return 0;
}

function forgetDone(): void {
  const keep = new Array<Job>();
  for (let i = 0; i < jobList.length; i++) if (!jobList[i].done()) keep.push(jobList[i]);
  jobList = keep;
}

export function notifyJobs(): void {
  reap();
  for (let i = 0; i < jobList.length; i++) if (jobList[i].done()) eprint(jobLine(jobList[i], i) + "\n");
  forgetDone();
}

/** The job named by %N, %+, %-, %% or a pid; the current one when arg is empty. */
function findJob(arg: string): Job | null {
  if (jobList.length == 0) return null;
  if (arg.length == 0 || arg == "%" || arg == "%%" || arg == "%+") return jobList[jobList.length - 1];
  if (arg == "%-") return jobList.length > 1 ? jobList[jobList.length - 2] : null;
  if (arg.startsWith("%")) {
    const n = I32.parseInt(arg.substring(1));
    for (let i = 0; i < jobList.length; i++) if (jobList[i].id == n) return jobList[i];
    return null;
  }
  const pid = I32.parseInt(arg);
  for (let i = 0; i < jobList.length; i++) if (jobList[i].pids.includes(pid)) return jobList[i];
  return null;
}

/** The process group named by a job spec (%N...), or 0. */
export function jobPgid(arg: string): i32 {
  const j = findJob(arg);
  return j ? j.pgid : 0;
}

function continueJob(j: Job): void {
  j.stopped = false;
  if (kill(-j.pgid, Sig.SIGCONT) < 0) for (let i = 0; i < j.pids.length; i++) kill(j.pids[i], Sig.SIGCONT);
}

export function fg(arg: string): i32 {
  const j = findJob(arg);
  if (!j) { err("fg: " + (arg.length > 0 ? arg : "current") + ": no such job"); return 2; }
  print(j.text + "\n");
  if (control) tcsetpgrp(0, j.pgid);
  continueJob(j);
  const idx = jobList.indexOf(j);
  jobList.splice(idx, 1);
  const st = waitAll(j);
  if (control) tcsetpgrp(0, shellPgid);
  if (control && j.interrupted()) eprint("\n");     // as after a foreground job (waitJob)
  if (j.stopped) { jobList.push(j); eprint("\n"); print(jobLine(j, jobList.length - 1) + "\n"); }
  return st;
}

export function bg(arg: string): i32 {
  const j = findJob(arg);
  if (!j) { err("bg: " + (arg.length > 0 ? arg : "current") + ": no such job"); return 2; }
  continueJob(j);
  print("[" + j.id.toString() + "] " + j.text + "\n");
  return 0;
}

/** `wait [ID...]`: every job, or the named ones; the last one's status (127: unknown pid); a
 *  trapped signal ends it with 128 + its number (its action runs after, as for any command). */
export function waitCmd(args: string[]): i32 {
  trapSignal = 0;
  if (args.length == 0) {
    for (let i = 0; i < jobList.length && trapSignal == 0; i++) waitAll(jobList[i], true);
    forgetDone();
    return trapSignal != 0 ? 128 + trapSignal : 0;
  }
  let st = 0;
  for (let a = 0; a < args.length; a++) {
    const j = findJob(args[a]);
    if (!j) { st = 127; continue; }
    st = waitAll(j, true);
    if (trapSignal != 0) return st;
    if (j.done()) jobList.splice(jobList.indexOf(j), 1);
  }
  return st;
}
