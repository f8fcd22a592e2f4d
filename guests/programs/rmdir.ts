// rmdir: remove each empty DIR named with unlinkat(AT_REMOVEDIR). Exit 1 (after trying the
// rest) if one fails, e.g. "rmdir: DIR: ENOTEMPTY". Usage: rmdir DIR...
import { argc, arg, rmdir, eprint, exit_group, errnoName } from "../sdk";

let status = 0;
if (argc() < 2) { eprint("usage: rmdir DIR...\n"); exit_group(1); }
for (let i = 1; i < argc(); i++) {
  const r = rmdir(arg(i));
  if (r < 0) { eprint("rmdir: " + arg(i) + ": " + errnoName(<i32>-r) + "\n"); status = 1; }
}
exit_group(status);
