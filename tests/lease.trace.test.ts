// How the tracer shows file leases (host/trace): fcntl's lease commands decoded as strace does
// (F_SETLEASE's type named, F_GETLEASE's and F_GETSIG's values explained, F_SETSIG's signal named; as
// strace, but F_GETLEASE's value in decimal as the other fcntl results here), the lease break
// record (Ev.leaseBreak) under the open that broke it, and the holder's signal with si_fd when
// F_SETSIG set one (a3 = si_fd + 1), without it when not.
import { expect, test } from "vitest";
import { Sys } from "../kernel/abi/syscalls";
import { Ev } from "../kernel/abi/trace";
import { Sig, SI_KERNEL, POLL_MSG } from "../kernel/abi/signals";
import { Errno } from "../kernel/abi/errno";
import { F_SETLEASE, F_GETLEASE, F_SETSIG, F_GETSIG, F_RDLCK, F_UNLCK, O_RDWR, O_TRUNC } from "../kernel/abi/fcntl";
import { enter, exit, runTrace } from "./helpers/trace";

test("lease commands, the break and the signal, as wasmos prints them", () => {
  const { lines } = runTrace([
    enter(1, Sys.fcntl, [3, F_SETSIG, Sig.SIGUSR1]), exit(2, 1, Sys.fcntl, 0),
    enter(3, Sys.fcntl, [3, F_GETSIG, 0]), exit(4, 3, Sys.fcntl, Sig.SIGUSR1),
    enter(5, Sys.fcntl, [3, F_SETLEASE, F_RDLCK]), exit(6, 5, Sys.fcntl, 0),
    enter(7, Sys.fcntl, [4, F_SETLEASE, F_RDLCK]), exit(8, 7, Sys.fcntl, -Errno.EAGAIN),
    enter(9, Sys.openat, [-100, 0, O_RDWR | O_TRUNC, 0], 2),
    { seq: 10, kind: Ev.leaseBreak, pid: 2, cause: 9, sub: Sig.SIGUSR1, a: [1, 71] },
    { seq: 11, kind: Ev.signal, pid: 1, sub: Sig.SIGUSR1, a: [1, POLL_MSG + 1, 0, 3 + 1] },
    enter(12, Sys.fcntl, [3, F_GETLEASE, 0]), exit(13, 12, Sys.fcntl, F_UNLCK),
    enter(14, Sys.fcntl, [3, F_SETLEASE, F_UNLCK]), exit(15, 14, Sys.fcntl, 0),
    exit(16, 9, Sys.openat, 5, 2),
    { seq: 17, kind: Ev.signal, pid: 1, sub: Sig.SIGIO, a: [1, SI_KERNEL + 1, 0, 0] },
  ], { multiPid: true });
  expect(lines).toEqual([
    "[pid 1] fcntl(3, F_SETSIG, SIGUSR1) = 0",
    "[pid 1] fcntl(3, F_GETSIG) = 10 (SIGUSR1)",
    "[pid 1] fcntl(3, F_SETLEASE, F_RDLCK) = 0",
    "[pid 1] fcntl(4, F_SETLEASE, F_RDLCK) = -1 EAGAIN (Resource temporarily unavailable)",
    "[pid 2] openat(AT_FDCWD, NULL, O_RDWR|O_TRUNC <unfinished ...>",
    "    lease break: SIGUSR1 to pid 1 (inode 71)",
    "[pid 1] --- SIGUSR1 {si_signo=SIGUSR1, si_code=POLL_MSG, si_fd=3} ---",
    "[pid 1] fcntl(3, F_GETLEASE) = 2 (F_UNLCK)",
    "[pid 1] fcntl(3, F_SETLEASE, F_UNLCK) = 0",
    "[pid 2] <... openat resumed>) = 5",
    "[pid 1] --- SIGIO {si_signo=SIGIO, si_code=SI_KERNEL} ---",
  ]);
});
