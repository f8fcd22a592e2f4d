// sleeper: prints "NAME i" COUNT times (i = 0 .. COUNT-1), sleeping MS milliseconds after each
// line. Two sleepers with different periods interleave deterministically under virtual time.
// Usage: sleeper NAME COUNT MS (defaults: sleeper 3 10)

import { arg, argInt, print, printInt, sleepMs, exit_group } from "../sdk";

const name = arg(1, "sleeper");
const count = argInt(2, 3);
const ms = argInt(3, 10);
for (let i: i64 = 0; i < count; i++) {
  print(name + " ");
  printInt(i);
  print("\n");
  sleepMs(ms);
}
exit_group(0);
