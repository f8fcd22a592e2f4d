// Test guest for a lease break that can never end: lease-break-time 0 (no time limit, as Linux's),
// a read lease whose holder ignores SIGIO and waits in pause(), and a child whose open(O_WRONLY)
// breaks it. Nothing can wake either: the machine reports both hung (tests/lease.hung.test.ts).
// Prints "child PID" first. Usage: leasehang FILE
import { arg, open, close, write, fcntl, fork, pause, print, exit_group, sigignore, Sig,
  O_RDONLY, O_WRONLY, O_CREAT, O_TRUNC, F_SETLEASE, F_RDLCK } from "../../guests/sdk";

const path = arg(1);
const zero = memory.data(4);
store<u8>(zero, 0x30);
const sysctl = <i32>open("/proc/sys/fs/lease-break-time", O_WRONLY);
write(sysctl, zero, 1);
close(sysctl);
close(<i32>open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644));
const fd = <i32>open(path, O_RDONLY);
sigignore(Sig.SIGIO);
fcntl(fd, F_SETLEASE, F_RDLCK);
const pid = fork();
if (pid == 0) { open(path, O_WRONLY); exit_group(0); }
print("child " + pid.toString() + "\n");
pause();
exit_group(0);
