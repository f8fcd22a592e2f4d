// mkdir: make each DIR named (mode 0755) with mkdirat. Parents must exist. Exit 1 (after trying
// the rest) if one fails: "mkdir: DIR: ERRNO". Usage: mkdir DIR...
import { argc, arg, mkdir, eprint, exit_group, errnoName } from "../sdk";

let status = 0;
if (argc() < 2) { eprint("usage: mkdir DIR...\n"); exit_group(1); }
for (let i = 1; i < argc(); i++) {
  const r = mkdir(arg(i), 0o755);
  if (r < 0) { eprint("mkdir: " + arg(i) + ": " + errnoName(<i32>-r) + "\n"); status = 1; }
}
exit_group(status);
