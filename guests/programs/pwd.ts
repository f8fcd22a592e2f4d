// pwd: print the current directory, from getcwd. Exit 1 if getcwd fails: "pwd: ERRNO".
// Usage: pwd
import { getcwd, fromCstr, print, eprint, exit_group, errnoName } from "../sdk";

const SIZE = 4096;                       // PATH_MAX
const buf = memory.data(SIZE);

const r = getcwd(buf, SIZE);
if (r < 0) { eprint("pwd: " + errnoName(<i32>-r) + "\n"); exit_group(1); }
print(fromCstr(buf) + "\n");
exit_group(0);
