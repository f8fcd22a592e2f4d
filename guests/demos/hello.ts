// hello: prints "hello, world" and then each extra argument as argv[i]=..., exits 0.
// Usage: hello [ARG...]

import { print, args, exit_group } from "../sdk";

print("hello, world\n");
const argv = args();
for (let i = 1; i < argv.length; i++) print(`argv[${i}]=${argv[i]}\n`);
exit_group(0);
