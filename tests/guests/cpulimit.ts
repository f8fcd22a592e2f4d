// Test guest: cpulimit SOFT HARD: set RLIMIT_CPU to {SOFT, HARD} seconds with setrlimit, read it
// back with getrlimit and with prlimit64 on itself (pid 0), print both, then compute forever. The
// kernel must end it: SIGXCPU at the soft limit, SIGKILL at the hard one. A bad setrlimit prints
// its errno and exits 2; "cpulimit check" only checks the errors and exits 0.
import { Sys, argInt, arg, print, printInt, errnoName, exit_group, syscall2, syscall4 } from "../../guests/sdk";

const RLIMIT_CPU = 0;
const lim = memory.data(16), old = memory.data(16);

function show(what: string, at: usize): void {
  print(what); print(" "); printInt(<i32>load<u64>(at)); print(" "); printInt(<i32>load<u64>(at, 8)); print("\n");
}

if (arg(1) == "check") {
  store<u64>(lim, 5); store<u64>(lim, 4, 8);                         // soft above hard
  print("soft>hard: " + errnoName(<i32>-syscall2(Sys.setrlimit, RLIMIT_CPU, lim)) + "\n");
  print("resource 99: " + errnoName(<i32>-syscall2(Sys.getrlimit, 99, old)) + "\n");
  print("pid 99999: " + errnoName(<i32>-syscall4(Sys.prlimit64, 99999, RLIMIT_CPU, 0, old)) + "\n");
  syscall2(Sys.getrlimit, RLIMIT_CPU, old);
  print(load<u64>(old) == u64.MAX_VALUE && load<u64>(old, 8) == u64.MAX_VALUE ? "unlimited\n" : "limited\n");
  exit_group(0);
}
store<u64>(lim, <u64>argInt(1, 1)); store<u64>(lim, <u64>argInt(2, 2), 8);
const r = syscall2(Sys.setrlimit, RLIMIT_CPU, lim);
if (r < 0) { print("setrlimit: " + errnoName(<i32>-r) + "\n"); exit_group(2); }
syscall2(Sys.getrlimit, RLIMIT_CPU, old);
show("getrlimit", old);
syscall4(Sys.prlimit64, 0, RLIMIT_CPU, 0, old);
show("prlimit64", old);
let x: u32 = 1;
for (;;) { x = x * 1664525 + 1013904223; if (x == 0) break; }
printInt(<i32>x);
exit_group(1);
