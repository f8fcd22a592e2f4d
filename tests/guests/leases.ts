// Test guest for file leases (kernel/lease.ts): the same steps as tests/guests/c/leases.c, which
// runs natively on Linux, printing the same "name value" lines (tests/lease.oracle.test.ts compares
// them). Usage: leases FILE
import { arg, argc, open, close, write, fcntl, pipe2, fork, waitpid, exit_group, print, errnoName, sleepMs,
  sigaction, sigprocmask, sigsuspend, alarm, sigbit, Sig, SIG_BLOCK,
  O_RDONLY, O_WRONLY, O_RDWR, O_CREAT, O_TRUNC, O_NONBLOCK, F_SETLEASE, F_GETLEASE, F_SETSIG, F_GETSIG,
  F_RDLCK, F_WRLCK, F_UNLCK } from "../../guests/sdk";

const buf = memory.data(8);
const fds = memory.data(8);
let got = 0;

function onSig(sig: i32): void { got = sig; }
function out(name: string, r: i64): void { print(name + " " + (r < 0 ? errnoName(<i32>-r) : r.toString()) + "\n"); }
function lease(fd: i32, type: i32): i64 { return fcntl(fd, F_SETLEASE, type); }

// A child that opens FILE with `flags` and says how it went.
function breaker(path: string, flags: i32, name: string, alarmSec: u32): i32 {
  const pid = <i32>fork();
  if (pid != 0) return pid;
  if (alarmSec) { sigaction(Sig.SIGALRM, onSig); alarm(alarmSec); }
  const fd = open(path, flags);
  out(name, fd < 0 ? fd : 0);
  exit_group(0);
  return 0;
}

function reap(pid: i32): void { while (waitpid(pid, 0) == -4) {} }   // EINTR: again

const path = argc() > 1 ? arg(1) : "/leasefile";
let fd = <i32>open(path, O_RDWR | O_CREAT | O_TRUNC, 0o644);
store<u64>(buf, 0x6573616568); write(fd, buf, 5);
out("rdlck-on-rdwr", lease(fd, F_RDLCK));
const fd2 = <i32>open(path, O_RDONLY);
out("rdlck-other-writer", lease(fd2, F_RDLCK));
close(fd);
fd = <i32>open(path, O_RDONLY);
out("wrlck-other-reader", lease(fd2, F_WRLCK));
close(fd);
out("wrlck-alone", lease(fd2, F_WRLCK));
out("getlease", fcntl(fd2, F_GETLEASE));
out("rdlck-downgrade", lease(fd2, F_RDLCK));
out("getlease", fcntl(fd2, F_GETLEASE));
out("unlck", lease(fd2, F_UNLCK));
out("getlease", fcntl(fd2, F_GETLEASE));
out("unlck-none", lease(fd2, F_UNLCK));
out("bad-type", lease(fd2, 7));
pipe2(fds);
out("pipe", lease(load<i32>(fds), F_RDLCK));
fd = <i32>open(".", O_RDONLY);
out("directory", lease(fd, F_RDLCK));
close(fd);
out("badfd", lease(99, F_RDLCK));
out("setsig-65", fcntl(fd2, F_SETSIG, 65));
out("setsig-usr1", fcntl(fd2, F_SETSIG, Sig.SIGUSR1));
out("getsig", fcntl(fd2, F_GETSIG));
lease(fd2, F_RDLCK);
lease(fd2, F_UNLCK);
out("getsig-after-unlck", fcntl(fd2, F_GETSIG));

// A read lease broken by a writer: O_NONBLOCK first (EWOULDBLOCK), then a blocking open.
const old = <u64>sigprocmask(SIG_BLOCK, sigbit(Sig.SIGIO) | sigbit(Sig.SIGUSR1));
sigaction(Sig.SIGIO, onSig);
sigaction(Sig.SIGUSR1, onSig);
out("rdlck", lease(fd2, F_RDLCK));
reap(breaker(path, O_WRONLY | O_NONBLOCK, "child-open-nonblock", 0));
sigsuspend(old);
out("holder-got", got); got = 0;
out("getlease-breaking", fcntl(fd2, F_GETLEASE));
out("rdlck-while-breaking", lease(fd2, F_RDLCK));
let c = breaker(path, O_RDWR, "child-open", 0);
sleepMs(100);
let r = lease(fd2, F_UNLCK);
reap(c);
out("holder-unlck", r);

// A write lease broken by a reader: the holder downgrades; F_SETSIG's signal this time.
fcntl(fd2, F_SETSIG, Sig.SIGUSR1);
out("wrlck", lease(fd2, F_WRLCK));
c = breaker(path, O_RDONLY, "child-open-rdonly", 0);
sigsuspend(old);
out("holder-got", got); got = 0;
out("getlease-breaking", fcntl(fd2, F_GETLEASE));
out("wrlck-while-breaking", lease(fd2, F_WRLCK));
r = lease(fd2, F_RDLCK);
reap(c);
out("holder-downgrade", r);
out("getlease", fcntl(fd2, F_GETLEASE));

// A breaker interrupted by a signal (SIGALRM, no SA_RESTART): open fails with EINTR.
c = breaker(path, O_WRONLY, "child-open-alarm", 1);
sigsuspend(old);
out("holder-got", got); got = 0;
reap(c);
out("getlease-after-eintr", fcntl(fd2, F_GETLEASE));
out("holder-unlck", lease(fd2, F_UNLCK));
exit_group(0);
