// rm: remove each FILE named with unlinkat; directories are left to rmdir (EISDIR). Exit 1
// (after trying the rest) if one fails: "rm: FILE: ERRNO". Usage: rm FILE...
import { argc, arg, unlink, eprint, exit_group, errnoName } from "../sdk";

let status = 0;
if (argc() < 2) { eprint("usage: rm FILE...\n"); exit_group(1); }
for (let i = 1; i < argc(); i++) {
  const r = unlink(arg(i));
  if (r < 0) { eprint("rm: " + arg(i) + ": " + errnoName(<i32>-r) + "\n"); status = 1; }
}
exit_group(status);
