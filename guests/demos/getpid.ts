// getpid: calls getpid N times (default 1_000_000), the null-syscall benchmark. Silent unless
// given -v, then prints "getpid xN = PID". Usage: getpid [N] [-v]

import { arg, argInt, getpid, print, printInt, exit_group } from "../sdk";

const n = argInt(1, 1_000_000);
let pid: i64 = 0;
for (let i: i64 = 0; i < n; i++) pid = getpid();
if (arg(2) == "-v") {
  print("getpid x");
  printInt(n);
  print(" = ");
  printInt(pid);
  print("\n");
}
exit_group(0);
