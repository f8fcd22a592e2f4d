// procmm: /proc as a process sees it, and the memory calls it shows (mremap, mlock).
//   procmm meminfo   map and touch 1 MiB, then print /proc/meminfo
//   procmm maps      map regions (anonymous rw, read-only, /data/4k.bin, a locked part), print /proc/self/maps
//   procmm child     fork a child that blocks reading a pipe; print its /proc/PID/status, cmdline,
//                    fd/ entries and the fd links of both; then let it go
//   procmm mremap    grow in place, grow by moving, shrink, MREMAP_FIXED, errnos; data checked
//   procmm mlock     mlock/munlock/mlockall/munlockall: residency (mincore), VmLck, errnos
// One line per fact; exit 2 with a message on stderr when a call that must work fails.
import { arg, print, eprint, exit_group, open, read, write, close, getdents64, fork, waitpid, getpid, pipe2, syscall4, Sys,
  mmap, munmap, mremap, mlock, munlock, mlockall, munlockall, madvise, mincore, mmapAnon, fromUtf8, AT_FDCWD, O_RDONLY,
  O_DIRECTORY, PAGE_SIZE, PROT_READ, PROT_WRITE, MAP_PRIVATE, MAP_ANONYMOUS, MAP_FIXED, MREMAP_MAYMOVE, MREMAP_FIXED,
  MCL_CURRENT, MCL_FUTURE, MADV_DONTNEED, cstr } from "../../guests/sdk";

const buf = memory.data(16384);
const vec = memory.data(64);

function must(what: string, r: i64): i64 {
  if (r >= 0) return r;
  eprint("procmm: " + what + " failed: " + r.toString() + "\n");
  exit_group(2);
  return r;
}

// A whole (small) file as text.
function slurp(path: string): string {
  const fd = <i32>must("open " + path, open(path, O_RDONLY));
  let n = 0;
  for (;;) {
    const r = must("read " + path, read(fd, buf + n, 16384 - n));
    if (r == 0) break;
    n += <i32>r;
  }
  close(fd);
  return fromUtf8(buf, n);
}

function readlink(path: string): string {
  const p = cstr(path);
  const r = syscall4(Sys.readlinkat, AT_FDCWD, changetype<usize>(p), buf, 256);
  return r < 0 ? "error " + r.toString() : fromUtf8(buf, <usize>r);
}

// The names in a directory, space separated.
function list(path: string): string {
  const fd = <i32>must("open " + path, open(path, O_RDONLY | O_DIRECTORY));
  let out = "";
  for (;;) {
    const n = must("getdents64 " + path, getdents64(fd, buf, 4096));
    if (n == 0) break;
    for (let o: i64 = 0; o < n; ) {
      const e = buf + <usize>o;
      const name = fromUtf8(e + 19, strlen(e + 19));
      if (name != "." && name != "..") out += (out.length ? " " : "") + name;
      o += load<u16>(e + 16);
    }
  }
  close(fd);
  return out;
}
function strlen(p: usize): usize { let n: usize = 0; while (load<u8>(p + n) != 0) n++; return n; }

// The value of "Name:" in /proc/self/status (its kB number for Vm* lines).
function statusField(pid: string, name: string): string {
  const s = slurp("/proc/" + pid + "/status");
  const at = s.indexOf(name + ":");
  if (at < 0) return "(none)";
  const end = s.indexOf("\n", at);
  return squeeze(s.substring(at + name.length + 1, end)).trim();
}

// Runs of blanks (spaces, tabs) as one space.
function squeeze(t: string): string {
  let out = "";
  for (let i = 0; i < t.length; i++) {
    const c = t.charAt(i);
    const blank = c == " " || c == "\t";
    if (blank && out.endsWith(" ")) continue;
    out += blank ? " " : c;
  }
  return out;
}

function resident(a: usize, pages: i32): string {
  const r = mincore(a, pages * PAGE_SIZE, vec);
  if (r < 0) return "error " + r.toString();
  let s = "";
  for (let i = 0; i < pages; i++) s += load<u8>(vec + i) ? "1" : "0";
  return s;
}

function fill(a: usize, pages: i32, seed: u8): void {
  for (let i = 0; i < pages; i++) store<u8>(a + <usize>i * PAGE_SIZE + 7, seed + <u8>i);
}
function check(a: usize, pages: i32, seed: u8): bool {
  for (let i = 0; i < pages; i++) if (load<u8>(a + <usize>i * PAGE_SIZE + 7) != seed + <u8>i) return false;
  return true;
}

const mode = arg(1);
if (mode == "meminfo") {
  const a = <usize>must("mmap", mmapAnon(256 * PAGE_SIZE));
  fill(a, 256, 1);
  print(slurp("/proc/meminfo"));
} else if (mode == "maps") {
  const rw = <usize>must("mmap rw", mmapAnon(4 * PAGE_SIZE));
  must("mmap ro", mmap(0, PAGE_SIZE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0));
  const fd = <i32>must("open", open("/data/4k.bin", O_RDONLY));
  must("mmap file", mmap(0, PAGE_SIZE, PROT_READ, MAP_PRIVATE, fd, 0));
  must("mlock", mlock(rw + PAGE_SIZE, PAGE_SIZE));
  print(slurp("/proc/self/maps"));
} else if (mode == "child") {
  must("pipe2", pipe2(vec, 0));
  const rfd = load<i32>(vec), wfd = load<i32>(vec + 4);
  const child = must("fork", fork());
  if (child == 0) {
    close(wfd);
    read(rfd, buf, 1);                   // blocks until the parent writes
    exit_group(0);
  }
  const c = child.toString();
  const me = getpid().toString();
  print("child " + c + " parent " + me + "\n");
  print("State: " + statusField(c, "State") + "\n");
  print("Pid: " + statusField(c, "Pid") + "\n");
  print("PPid: " + statusField(c, "PPid") + "\n");
  print("Name: " + statusField(c, "Name") + "\n");
  const cmd = slurp("/proc/" + c + "/cmdline");
  print("cmdline: " + cmd.replaceAll("\0", "|") + "\n");
  print("fd: " + list("/proc/" + c + "/fd") + "\n");
  print("child pipe: " + readlink("/proc/" + c + "/fd/" + rfd.toString()) + "\n");
  print("own pipe: " + readlink("/proc/self/fd/" + rfd.toString()) + "\n");
  print("own write end: " + readlink("/proc/self/fd/" + wfd.toString()) + "\n");
  print("self: " + readlink("/proc/self") + "\n");
  print("proc has child: " + (list("/proc").split(" ").includes(c) ? "yes" : "no") + "\n");
  write(wfd, buf, 1);
  must("wait", waitpid(<i32>child, vec, 0));
  print("after reaping, proc has child: " + (list("/proc").split(" ").includes(c) ? "yes" : "no") + "\n");
} else if (mode == "mremap") {
  const x = <usize>must("mmap", mmapAnon(8 * PAGE_SIZE));
  must("munmap", munmap(x + 2 * PAGE_SIZE, 6 * PAGE_SIZE));
  fill(x, 2, 10);
  const g = mremap(x, 2 * PAGE_SIZE, 4 * PAGE_SIZE, 0);
  print("grow in place: " + (g == <i64>x ? "same address" : g.toString()) + ", data " + (check(x, 2, 10) ? "kept" : "lost") +
    ", new page " + load<u8>(x + 3 * PAGE_SIZE + 7).toString() + "\n");
  fill(x, 4, 20);
  must("block", mmap(x + 4 * PAGE_SIZE, PAGE_SIZE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0));
  print("grow blocked, no MAYMOVE: " + mremap(x, 4 * PAGE_SIZE, 8 * PAGE_SIZE, 0).toString() + "\n");
  const y = <usize>must("move", mremap(x, 4 * PAGE_SIZE, 8 * PAGE_SIZE, MREMAP_MAYMOVE));
  print("moved: " + (y != x ? "new address" : "same") + ", data " + (check(y, 4, 20) ? "kept" : "lost") +
    ", old range " + resident(x, 4) + "\n");
  print("shrink: " + (mremap(y, 8 * PAGE_SIZE, 2 * PAGE_SIZE, 0) == <i64>y ? "same address" : "?") + ", tail " + resident(y + 2 * PAGE_SIZE, 1) + "\n");
  const z = <usize>must("target", mmapAnon(2 * PAGE_SIZE));
  const f = mremap(y, 2 * PAGE_SIZE, 2 * PAGE_SIZE, MREMAP_MAYMOVE | MREMAP_FIXED, z);
  print("fixed: " + (f == <i64>z ? "at target" : f.toString()) + ", data " + (check(z, 2, 20) ? "kept" : "lost") + "\n");
  print("unaligned: " + mremap(z + 1, PAGE_SIZE, 2 * PAGE_SIZE, MREMAP_MAYMOVE).toString() + "\n");
  print("new length 0: " + mremap(z, PAGE_SIZE, 0, MREMAP_MAYMOVE).toString() + "\n");
  print("bad flags: " + mremap(z, PAGE_SIZE, 2 * PAGE_SIZE, 8).toString() + "\n");
  print("fixed without maymove: " + mremap(z, PAGE_SIZE, PAGE_SIZE, MREMAP_FIXED, x).toString() + "\n");
  print("not mapped: " + mremap(y, PAGE_SIZE, 2 * PAGE_SIZE, MREMAP_MAYMOVE).toString() + "\n");
  print("past the region: " + mremap(z, 3 * PAGE_SIZE, 4 * PAGE_SIZE, MREMAP_MAYMOVE).toString() + "\n");
  print("fixed overlapping: " + mremap(z, 2 * PAGE_SIZE, 2 * PAGE_SIZE, MREMAP_MAYMOVE | MREMAP_FIXED, z + PAGE_SIZE).toString() + "\n");
} else if (mode == "mlock") {
  const a = <usize>must("mmap", mmapAnon(16 * PAGE_SIZE));
  print("before: " + resident(a, 16) + " VmLck " + statusField("self", "VmLck") + "\n");
  print("mlock: " + mlock(a + 100, 4 * PAGE_SIZE).toString() + "\n");      // rounded out: 5 pages
  print("after: " + resident(a, 16) + " VmLck " + statusField("self", "VmLck") + "\n");
  print("dontneed on locked: " + madvise(a, PAGE_SIZE, MADV_DONTNEED).toString() + "\n");
  print("munlock: " + munlock(a, 16 * PAGE_SIZE).toString() + " VmLck " + statusField("self", "VmLck") + "\n");
  print("mlock unmapped: " + mlock(a + 16 * PAGE_SIZE, PAGE_SIZE).toString() + "\n");
  print("mlock len 0: " + mlock(a, 0).toString() + "\n");
  print("mlockall 0: " + mlockall(0).toString() + "\n");
  print("mlockall: " + mlockall(MCL_CURRENT | MCL_FUTURE).toString() + " " + resident(a, 16) + "\n");
  const b = <usize>must("mmap after", mmapAnon(4 * PAGE_SIZE));
  print("mapped after MCL_FUTURE: " + resident(b, 4) + "\n");
  const lck = statusField("self", "VmLck"), size = statusField("self", "VmSize");
  print("VmLck equals VmSize: " + (lck == size ? "yes" : "no " + lck + " " + size) + "\n");
  const mi = slurp("/proc/meminfo");
  print("meminfo Mlocked nonzero: " + (mi.includes("Mlocked:              0 kB") ? "no" : "yes") + "\n");
  print("munlockall: " + munlockall().toString() + " VmLck " + statusField("self", "VmLck") + "\n");
  const c = <usize>must("mmap last", mmapAnon(2 * PAGE_SIZE));
  print("mapped after munlockall: " + resident(c, 2) + "\n");
} else {
  eprint("usage: procmm meminfo|maps|child|mremap|mlock\n");
  exit_group(2);
}
exit_group(0);
