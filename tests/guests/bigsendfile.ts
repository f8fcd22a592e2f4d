// Test guest: bigsendfile MIB: make /sparse a hole of 1 GiB (ftruncate), then one sendfile of MIB
// MiB from it to stdout; print the count it returned on stderr and exit 0.
import { open, ftruncate, sendfile, eprint, eprintInt, errnoName, exit_group, argInt } from "../../guests/sdk";

const O_RDWR = 2, O_CREAT = 0o100;
const fd = <i32>open("/sparse", O_RDWR | O_CREAT, 0o644);
if (fd < 0) { eprint("open: " + errnoName(-fd) + "\n"); exit_group(1); }
const t = ftruncate(fd, <i64>1 << 30);
if (t < 0) { eprint("ftruncate: " + errnoName(<i32>-t) + "\n"); exit_group(1); }
const r = sendfile(1, fd, 0, <usize>argInt(1, 1024) << 20);
if (r < 0) { eprint("sendfile: " + errnoName(<i32>-r) + "\n"); exit_group(1); }
eprintInt(r);
eprint("\n");
exit_group(0);
