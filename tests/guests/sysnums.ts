// Test guest for tests/syscall.table.test.ts: asks the kernel every system call number (and a few
// outside the table) with every argument -1, and prints the numbers that answered ENOSYS. All -1
// is harmless for each call: a bad fd, a kernel-half pointer, or flags no call accepts.
import { print, syscall6, Sys, NSYSCALL, Errno, exit_group } from "../../guests/sdk";

let out = "";
for (let nr = -2; nr < NSYSCALL + 2; nr++) {
  if (nr == Sys.exit || nr == Sys.exit_group) continue;
  if (syscall6(nr, -1, -1, -1, -1, -1, -1) == -Errno.ENOSYS) out += nr.toString() + " ";
}
print(out + "\n");
exit_group(0);
