// spin: burns CPU without making system calls, to test preemption. Loops N times
// (argv[1]), or forever without an argument; each iteration stores a counter to memory.
// Prints "spun N" when a bounded run ends. Usage: spin [N]

import { argc, argInt, print, printInt, exit_group } from "../sdk";

const counter = memory.data(8);        // memory, so the loop cannot be optimized away

if (argc() < 2) {
  while (true) store<u64>(counter, load<u64>(counter) + 1);
}
const n = argInt(1, 0);
for (let i: i64 = 0; i < n; i++) store<u64>(counter, load<u64>(counter) + 1);
print("spun ");
printInt(load<i64>(counter));
print("\n");
exit_group(0);
