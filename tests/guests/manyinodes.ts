// Test guest for tests/isolation.fs-inodes: holds more distinct inodes than the kernel's in-core
// inode table (256) has room for. CHILDREN children (argv[1]) each create 40 files and keep a
// MAP_SHARED mapping of each with its fd closed (a mapping holds its inode); then the parent creates
// and opens more files until an open fails. Prints "opened N then ERRNO" and "children ok".
import { arg, parseInteger, open, close, read, write, mmap, pipe2, fork, waitpid, print, errnoName, exit, exit_group,
  O_RDWR, O_CREAT, PROT_READ, MAP_SHARED } from "../../guests/sdk";

const fds = memory.data(16);
const st = memory.data(8);
const one = memory.data(8);
pipe2(fds); pipe2(fds + 8);                       // fds: release (parent -> children), fds+8: ready
const release = load<i32>(fds), releaseW = load<i32>(fds + 4), ready = load<i32>(fds + 8), readyW = load<i32>(fds + 12);
const children = <i32>parseInteger(arg(1), 5);

function child(k: i32): void {
  close(releaseW);
  let err = "ok";
  for (let i = 0; i < 40; i++) {
    const fd = open("/c" + k.toString() + "_" + i.toString(), O_RDWR | O_CREAT);
    if (fd < 0) { err = errnoName(<i32>-fd); break; }
    const m = mmap(0, 4096, PROT_READ, MAP_SHARED, <i32>fd, 0);
    close(<i32>fd);
    if (m < 0) { err = errnoName(<i32>-m); break; }
  }
  if (err != "ok") print("child " + k.toString() + ": " + err + "\n");
  write(readyW, one, 1);
  read(release, one, 1);                          // wait until the parent is done (end of file)
  exit(0);
}

for (let k = 0; k < children; k++) if (fork() == 0) child(k);
close(readyW); close(release);
for (let k = 0; k < children; k++) read(ready, one, 1);
let n = 0;
let r: i64 = 0;
for (; n < 64; n++) {
  r = open("/p" + n.toString(), O_RDWR | O_CREAT);
  if (r < 0) break;
}
print("opened " + n.toString() + " then " + (r < 0 ? errnoName(<i32>-r) : "no error") + "\n");
close(releaseW);
let ok = true;
for (let k = 0; k < children; k++) { if (waitpid(-1, st) < 0 || load<i32>(st) != 0) ok = false; }
print(ok ? "children ok\n" : "children failed\n");
exit_group(0);
