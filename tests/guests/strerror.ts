// Test guest for the SDK's error names: prints "N NAME MESSAGE" for every errno 1 .. 133 and for 200,
// one a line, from errnoName and strerror (kernel/abi/errno.ts's table).
import { print, errnoName, strerror } from "../../guests/sdk";

for (let e = 1; e <= 134; e++) {
  const n = e == 134 ? 200 : e;
  print(n.toString() + " " + errnoName(n) + " " + strerror(n) + "\n");
}
