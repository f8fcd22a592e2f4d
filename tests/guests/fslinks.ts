// Test guest for symbolic links, hard links, times and the new file calls. Prints one line
// "name value" per check (values: numbers, errno names, text); tests/fs.links.test.ts compares
// them with what Linux gives.
import { open, close, write, read, pread64, lseek, fstat, fallocate, fadvise64, pwrite64, ftruncate,
  symlink, readlink, readlinkErr, link, unlink, mkdir, stat, lstat, utimens, rename, getrandom, clock_getres,
  print, exit_group, errnoName, O_RDONLY, O_RDWR, O_CREAT, O_WRONLY, O_NOFOLLOW, O_TRUNC, O_EXCL, SEEK_DATA, SEEK_HOLE,
  FALLOC_FL_KEEP_SIZE, FALLOC_FL_PUNCH_HOLE, POSIX_FADV_WILLNEED, POSIX_FADV_DONTNEED, UTIME_NOW, UTIME_OMIT,
  AT_SYMLINK_NOFOLLOW, ST_NLINK, ST_SIZE, ST_MODE, ST_BLOCKS, ST_ATIME, ST_ATIME_NSEC, ST_MTIME, ST_MTIME_NSEC, ST_CTIME, ST_CTIME_NSEC,
  S_IFMT, S_IFLNK, S_IFREG, GRND_NONBLOCK, arg, sleepNs, utimensat, AT_FDCWD, cstr, chdirTo, cwd } from "../../guests/sdk";
import { MAXSYMLINKS } from "../../kernel/abi/fs";

const st = memory.data(128);
const buf = memory.data(8192);

function out(name: string, v: string): void { print(name + " " + v + "\n"); }
function res(r: i64): string { return r < 0 ? errnoName(<i32>-r) : r.toString(); }
function ns(at: usize): i64 { return load<i64>(st + at) * 1000000000 + load<i64>(st + at + 8); }
function atime(): i64 { return ns(ST_ATIME); }
function mtime(): i64 { return ns(ST_MTIME); }
function ctime(): i64 { return ns(ST_CTIME); }
function putStr(s: string): usize { for (let i = 0; i < s.length; i++) store<u8>(buf + i, <u8>s.charCodeAt(i)); return s.length; }
function mkfile(path: string, text: string): void {
  const fd = <i32>open(path, O_WRONLY | O_CREAT | O_TRUNC);
  write(fd, buf, putStr(text));
  close(fd);
}
function readAll(path: string, flags: i32 = O_RDONLY): string {
  const fd = open(path, flags);
  if (fd < 0) return res(fd);
  const n = read(<i32>fd, buf, 8192);
  close(<i32>fd);
  return n < 0 ? res(n) : String.UTF8.decodeUnsafe(buf, <usize>n);
}

function symlinks(): void {
  mkdir("/d");
  mkfile("/d/f", "hello");
  out("symlink", res(symlink("/d/f", "/abs")));
  out("symlink.rel", res(symlink("d/f", "/rel")));
  out("symlink.dir", res(symlink("d", "/dl")));
  out("symlink.exists", res(symlink("x", "/abs")));
  out("symlink.empty", res(symlink("", "/empty")));
  out("read.abs", readAll("/abs"));
  out("read.rel", readAll("/rel"));
  out("read.via-dir", readAll("/dl/f"));
  out("readlink", readlink("/abs") + " " + readlink("/rel"));
  out("readlink.notlink", readlink("/d/f") == "" ? errnoName(<i32>-readlinkErr) : "text");
  stat("/abs", st);
  out("stat.mode", (load<u32>(st + ST_MODE) & S_IFMT) == S_IFREG ? "reg" : "other");
  lstat("/abs", st);
  out("lstat.mode", (load<u32>(st + ST_MODE) & S_IFMT) == S_IFLNK ? "lnk" : "other");
  out("lstat.size", load<i64>(st + ST_SIZE).toString());
  out("nofollow", readAll("/abs", O_RDONLY | O_NOFOLLOW));
  out("nofollow.inner", readAll("/dl/f", O_RDONLY | O_NOFOLLOW));
  out("trailing.file", res(stat("/d/f/", st)));
  out("trailing.link-to-dir", res(lstat("/dl/", st)) + " " + ((load<u32>(st + ST_MODE) & S_IFMT) == S_IFLNK ? "lnk" : "dir"));
  out("trailing.link-to-file", res(stat("/abs/", st)));
  symlink("/nowhere/x", "/dangling");
  out("dangling.stat", res(stat("/dangling", st)));
  out("dangling.lstat", res(lstat("/dangling", st)));
  symlink("/d/new", "/tonew");
  const fd = open("/tonew", O_WRONLY | O_CREAT);
  out("creat.through-link", res(fd < 0 ? fd : 0) + " " + res(stat("/d/new", st)));
  if (fd >= 0) close(<i32>fd);
  out("creat.excl-on-link", res(open("/tonew", O_WRONLY | O_CREAT | O_EXCL)));
  out("trailing.new", res(symlink("x", "/newl/")) + " " + res(link("/d/f", "/newh/")) + " " + res(open("/newf/", O_WRONLY | O_CREAT)));
  // a chain: l0 -> l1 -> ... -> l(k) -> /d/f
  symlink("/d/f", "/c" + MAXSYMLINKS.toString());
  for (let i = MAXSYMLINKS - 1; i >= 0; i--) symlink("/c" + (i + 1).toString(), "/c" + i.toString());
  out("chain.max", readAll("/c1"));                     // MAXSYMLINKS links followed
  out("chain.over", readAll("/c0"));                    // one more: ELOOP
  symlink("/loop2", "/loop1"); symlink("/loop1", "/loop2");
  out("loop", res(stat("/loop1", st)));
  out("unlink.link", res(unlink("/rel")) + " " + readAll("/d/f") + " " + res(lstat("/rel", st)));
  rename("/abs", "/abs2");
  out("rename.link", readlink("/abs2") + " " + readAll("/d/f"));
  out("chdir.link", res(chdirTo("/dl")) + " " + cwd() + " " + readAll("f"));
  chdirTo("/");
}

function hardlinks(): void {
  mkfile("/h", "data");
  out("link", res(link("/h", "/h2")));
  stat("/h", st);
  out("nlink.2", load<u32>(st + ST_NLINK).toString());
  out("link.exists", res(link("/h", "/h2")));
  out("link.dir", res(link("/d", "/d2")));
  out("link.missing", res(link("/nope", "/n2")));
  const fd = <i32>open("/h2", O_RDONLY);
  unlink("/h");
  stat("/h2", st);
  out("nlink.after-unlink", load<u32>(st + ST_NLINK).toString() + " " + readAll("/h2"));
  unlink("/h2");
  fstat(fd, st);
  out("nlink.open-unlinked", load<u32>(st + ST_NLINK).toString());
  out("read.open-unlinked", res(pread64(fd, buf, 4, 0)));
  close(fd);
  symlink("/d/f", "/sl");
  link("/sl", "/sl2");                                   // links the symlink itself
  lstat("/sl2", st);
  out("link.symlink", (load<u32>(st + ST_MODE) & S_IFMT) == S_IFLNK ? "lnk" : "other");
}

function times(): void {
  mkfile("/t", "0123456789");
  stat("/t", st);
  const m0 = mtime(), c0 = ctime(), a0 = atime();
  sleepNs(1000);
  const fd = <i32>open("/t", O_RDWR);
  read(fd, buf, 4);
  fstat(fd, st);
  const a1 = atime();
  out("read.atime", a1 > a0 ? "later" : "same");
  out("read.mtime", mtime() == m0 ? "same" : "changed");
  sleepNs(1000);
  read(fd, buf, 4);
  fstat(fd, st);
  out("read2.atime(relatime)", atime() == a1 ? "same" : "changed");
  sleepNs(1000);
  pwrite64(fd, buf, 3, 0);
  fstat(fd, st);
  const m2 = mtime(), c2 = ctime();
  out("write.mtime", m2 > m0 ? "later" : "same");
  out("write.ctime", c2 > c0 && c2 == m2 ? "later=mtime" : "other");
  out("write.atime", atime() == a1 ? "same" : "changed");
  sleepNs(1000);
  link("/t", "/t2");
  fstat(fd, st);
  out("link.ctime", ctime() > c2 && mtime() == m2 ? "later,mtime-same" : "other");
  out("utimens", res(utimens("/t", 1000000000 * 7 + 5, 1000000000 * 9 + 123456789)));
  stat("/t", st);
  out("utimens.values", load<i64>(st + ST_ATIME).toString() + "." + load<i64>(st + ST_ATIME_NSEC).toString() + " "
    + load<i64>(st + ST_MTIME).toString() + "." + load<i64>(st + ST_MTIME_NSEC).toString());
  const c3 = ctime();
  out("utimens.ctime", c3 > c2 ? "now" : "other");
  utimens("/t", UTIME_OMIT, UTIME_NOW);
  stat("/t", st);
  out("utimens.omit-now", load<i64>(st + ST_ATIME).toString() + " " + (mtime() >= c3 ? "now" : "other"));
  out("utimens.badnsec", res(utimensBad()));
  symlink("/t", "/tl");
  utimens("/tl", 1000000000 * 3, 1000000000 * 3, AT_SYMLINK_NOFOLLOW);
  lstat("/tl", st);
  const lm = load<i64>(st + ST_MTIME);
  stat("/tl", st);
  out("utimens.nofollow", lm.toString() + " " + load<i64>(st + ST_MTIME).toString());
  close(fd);
}
// utimensat with a tv_nsec of 1e9: EINVAL
function utimensBad(): i64 {
  const t = memory.data(32);
  store<i64>(t, 0); store<i64>(t + 8, 1000000000); store<i64>(t + 16, 0); store<i64>(t + 24, 0);
  const p = cstr("/t");
  return utimensat(AT_FDCWD, changetype<usize>(p), t, 0);
}

function space(): void {
  const fd = <i32>open("/sp", O_RDWR | O_CREAT);
  out("fallocate", res(fallocate(fd, 0, 0, 10000)));
  fstat(fd, st);
  out("fallocate.size-blocks", load<i64>(st + ST_SIZE).toString() + " " + load<i64>(st + ST_BLOCKS).toString());
  out("fallocate.zeros", res(pread64(fd, buf, 16, 4096)) + " " + load<u64>(buf).toString() + load<u64>(buf + 8).toString());
  out("fallocate.keep", res(fallocate(fd, FALLOC_FL_KEEP_SIZE, 0, 20000)));
  fstat(fd, st);
  out("fallocate.keep-size-blocks", load<i64>(st + ST_SIZE).toString() + " " + load<i64>(st + ST_BLOCKS).toString());
  out("fallocate.punch", res(fallocate(fd, FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE, 0, 4096)));
  out("fallocate.badlen", res(fallocate(fd, 0, 0, 0)));
  close(fd);
  // holes: data at block 0, hole at 1..4, data at 5, size 6 blocks + 100
  const h = <i32>open("/holes", O_RDWR | O_CREAT);
  pwrite64(h, buf, 100, 0);
  pwrite64(h, buf, 100, 5 * 4096);
  pwrite64(h, buf, 100, 6 * 4096);
  out("seek.data0", res(lseek(h, 0, SEEK_DATA)));
  out("seek.hole0", res(lseek(h, 0, SEEK_HOLE)));
  out("seek.data-from-hole", res(lseek(h, 4096 + 10, SEEK_DATA)));
  out("seek.hole-in-data", res(lseek(h, 5 * 4096 + 1, SEEK_HOLE)));
  out("seek.eof", res(lseek(h, 6 * 4096 + 100, SEEK_DATA)) + " " + res(lseek(h, 6 * 4096 + 100, SEEK_HOLE)));
  out("seek.pos", res(lseek(h, 4096, SEEK_DATA)) + " " + res(lseek(h, 0, 1)));
  ftruncate(h, 100 * 4096);
  out("seek.hole-tail", res(lseek(h, 6 * 4096 + 200, SEEK_HOLE)) + " " + res(lseek(h, 6 * 4096 + 200, SEEK_DATA)));
  out("fadvise.willneed", res(fadvise64(h, 0, 0, POSIX_FADV_WILLNEED)));
  out("fadvise.dontneed", res(fadvise64(h, 0, 0, POSIX_FADV_DONTNEED)));
  out("fadvise.bad", res(fadvise64(h, 0, 0, 99)) + " " + res(fadvise64(h, 0, -1, 0)));
  close(h);
}

function misc(): void {
  out("getrandom", res(getrandom(buf, 16, 0)) + " " + load<u64>(buf).toString(16) + load<u64>(buf + 8).toString(16));
  out("getrandom.flags", res(getrandom(buf, 4, GRND_NONBLOCK)) + " " + res(getrandom(buf, 4, 0x100)));
  out("clock_getres", res(clock_getres(1, buf)) + " " + load<i64>(buf).toString() + " " + load<i64>(buf + 8).toString()
    + " " + res(clock_getres(99, buf)));
}

// "advise FILE": WILLNEED on the whole file, then read it all (the reads should all hit the cache);
// then DONTNEED and read it again (all misses). Prints the bytes read each time.
function advise(path: string): void {
  const fd = <i32>open(path, O_RDONLY);
  out("willneed", res(fadvise64(fd, 0, 0, POSIX_FADV_WILLNEED)));
  let total: i64 = 0, n: i64 = 0;
  while ((n = read(fd, buf, 4096)) > 0) total += n;
  out("read1", total.toString());
  out("dontneed", res(fadvise64(fd, 0, 0, POSIX_FADV_DONTNEED)));
  lseek(fd, 0, 0);
  total = 0;
  while ((n = pread64(fd, buf, 4096, total)) > 0) total += n;
  out("read2", total.toString());
  close(fd);
}

const what = arg(1);
if (what == "advise") advise(arg(2));
else if (what == "symlinks") symlinks();
else if (what == "hardlinks") { mkdir("/d"); hardlinks(); }
else if (what == "times") times();
else if (what == "space") space();
else if (what == "misc") misc();
exit_group(0);
