// Test guest: make /huge a sparse file of 2^36 bytes (ftruncate), then execve it; if execve returns,
// print its errno and exit 3 (the loader must refuse the size before it allocates anything).
import { open, ftruncate, close, execv, print, errnoName, exit_group } from "../../guests/sdk";

const O_RDWR = 2, O_CREAT = 0o100;
const fd = <i32>open("/huge", O_RDWR | O_CREAT, 0o755);
if (fd < 0) { print("open: " + errnoName(-fd) + "\n"); exit_group(1); }
const t = ftruncate(fd, <i64>1 << 36);
if (t < 0) { print("ftruncate: " + errnoName(<i32>-t) + "\n"); exit_group(1); }
close(fd);
const r = execv("/huge", ["/huge"]);
print("execve: " + errnoName(<i32>-r) + "\n");
exit_group(3);
