// Test guest for tests/isolation.fs-nomem: file-system calls while no frame is free. Maps MIB MiB
// (argv[1]) anonymous with MAP_POPULATE (the OOM killer ends it now: the test checks that), then
// runs five calls (stat, open+read, mkdir, open+getdents, creat+pwrite) touching no new page of its
// own (paths and buffers prepared before), unmaps, and prints the results; then the same calls
// again with memory back. One line per round: "RESULTS r1 r2 r3 r4 r5" (numbers or errno names).
import { arg, parseInteger, openat, read, close, pwrite64, newfstatat, mkdirat, getdents64, mmap, munmap,
  print, errnoName, exit_group, O_RDONLY, O_RDWR, O_CREAT, AT_FDCWD,
  PROT_READ, PROT_WRITE, MAP_PRIVATE, MAP_ANONYMOUS, MAP_POPULATE } from "../../guests/sdk";

const buf = memory.data(65536);
const paths = memory.data(256);
const res = memory.data(5 * 8);

function cpath(k: i32, s: string): usize {
  const p = paths + <usize>k * 32;
  for (let i = 0; i < s.length; i++) store<u8>(p + i, <u8>s.charCodeAt(i));
  store<u8>(p + s.length, 0);
  return p;
}
const px = cpath(0, "/d/x"), pe = cpath(1, "/e"), pd = cpath(2, "/d"), pn = cpath(3, "/n");

function withFd(fd: i64, r: i64, f: i32): i64 { if (fd >= 0) close(<i32>fd); return fd < 0 ? fd : r; }

function round(): void {
  store<i64>(res, newfstatat(AT_FDCWD, px, buf, 0));
  if (load<i64>(res) == 0) store<i64>(res, load<i64>(buf + 48));
  let fd = openat(AT_FDCWD, px, O_RDONLY, 0);
  store<i64>(res + 8, withFd(fd, fd >= 0 ? read(<i32>fd, buf, 65536) : 0, 0));
  store<i64>(res + 16, mkdirat(AT_FDCWD, pe, 0o755));
  fd = openat(AT_FDCWD, pd, O_RDONLY, 0);
  store<i64>(res + 24, withFd(fd, fd >= 0 ? getdents64(<i32>fd, buf, 65536) : 0, 0));
  fd = openat(AT_FDCWD, pn, O_RDWR | O_CREAT, 0o644);
  store<i64>(res + 32, withFd(fd, fd >= 0 ? pwrite64(<i32>fd, buf, 4096, 0) : 0, 0));
}

function show(): void {
  let s = "RESULTS";
  for (let k = 0; k < 5; k++) { const r = load<i64>(res + k * 8); s += " " + (r < 0 ? errnoName(<i32>-r) : r.toString()); }
  print(s + "\n");
}

memory.fill(buf, 0, 65536);                      // touched now: no fault later
memory.fill(res, 0, 40);
const len = <usize>parseInteger(arg(1), 64) << 20;
const m = mmap(0, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);
round();
const u = munmap(<usize>m, len);
print("mmap " + (m < 0 ? errnoName(<i32>-m) : "ok") + " munmap " + u.toString() + "\n");
show();
round();
show();
exit_group(0);
