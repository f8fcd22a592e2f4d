// mv: rename OLD to NEW with renameat, replacing NEW if it exists (a file by a file, an empty
// directory by a directory). Unlike coreutils mv, NEW is never taken as a directory to move
// into, and nothing is copied across file systems. Exit 1 on failure: "mv: OLD: ERRNO".
// Usage: mv OLD NEW
import { argc, arg, rename, eprint, exit_group, errnoName } from "../sdk";

if (argc() != 3) { eprint("usage: mv OLD NEW\n"); exit_group(1); }
const r = rename(arg(1), arg(2));
if (r < 0) { eprint("mv: " + arg(1) + ": " + errnoName(<i32>-r) + "\n"); exit_group(1); }
exit_group(0);
