// Test guest: a page-cache page still held elsewhere (a pipe slot from splice, or a user mapping)
// while the file is truncated or overwritten with O_DIRECT. One behaviour per MODE, one fact a line.
//   trunc      FILE gets 8192 bytes 'A' (synced), page 0 spliced into a pipe, ftruncate 0, 100 bytes
//              written, ftruncate 0 again, unlink: the pipe still reads the old bytes
//   direct     FILE gets 8192 bytes 'A' (synced), page 0 spliced into a pipe, an O_DIRECT write of
//              'D' over page 0, ftruncate 0: the pipe reads 'A', the file read 'D' before the truncate
//   mapped     FILE gets 8192 bytes 'A' (synced), mapped MAP_SHARED and page 0 read, an O_DIRECT
//              write of 'D' over page 0, the mapping read again, ftruncate 0, munmap
//   resurrect  FILE gets 4096 bytes 'B' (dirty, not synced), page 0 spliced into a pipe, ftruncate 0,
//              sync, ftruncate 4096: the file reads zeros (the truncated bytes never come back)
// Usage: pcheld MODE FILE
import { arg, open, read, write, pread64, pwrite64, close, pipe2, splice, ftruncate, fsync, sync, unlink, mmap, munmap,
  print, exit_group, errnoName, O_RDWR, O_CREAT, O_TRUNC, O_DIRECT, PROT_READ, MAP_SHARED } from "../../guests/sdk";

const buf = memory.data(8192, 4096);
const fds = memory.data(8);
const off = memory.data(8);

function res(r: i64): string { return r < 0 ? errnoName(<i32>-r) : r.toString(); }
function say(s: string): void { print(s + "\n"); }
function check(what: string, r: i64): i64 { if (r < 0) { say(what + ": " + res(r)); exit_group(1); } return r; }

// How many of the n bytes at buf equal c.
function count(c: u8, n: usize): i32 {
  let k = 0;
  for (let i: usize = 0; i < n; i++) if (load<u8>(buf + i) == c) k++;
  return k;
}

function create(path: string, c: u8, n: i32, synced: bool): i32 {
  const fd = <i32>check("open", open(path, O_RDWR | O_CREAT | O_TRUNC));
  memory.fill(buf, c, n);
  check("write", write(fd, buf, n));
  if (synced) check("fsync", fsync(fd));
  return fd;
}

// Splice page 0 of fd into a fresh pipe; returns its read end.
function spliceIn(fd: i32): i32 {
  check("pipe2", pipe2(fds, 0));
  store<i64>(off, 0);
  say("splice " + res(splice(fd, off, load<i32>(fds + 4), 0, 4096, 0)));
  return load<i32>(fds);
}

function readPipe(r: i32, c: u8): void {
  memory.fill(buf, 0, 4096);
  const n = check("read pipe", read(r, buf, 4096));
  say("pipe read " + n.toString() + ", '" + String.fromCharCode(c) + "' " + count(c, 4096).toString());
}

function directWrite(path: string): void {
  const d = <i32>check("open O_DIRECT", open(path, O_RDWR | O_DIRECT));
  memory.fill(buf, 0x44, 4096);
  say("direct write " + res(pwrite64(d, buf, 4096, 0)));
  close(d);
}

function trunc(path: string): void {
  const fd = create(path, 0x41, 8192, true);
  const r = spliceIn(fd);
  say("truncate " + res(ftruncate(fd, 0)));
  say("write " + res(pwrite64(fd, buf, 100, 0)));
  say("truncate again " + res(ftruncate(fd, 0)));
  say("unlink " + res(unlink(path)));
  readPipe(r, 0x41);
}

function direct(path: string): void {
  const fd = create(path, 0x41, 8192, true);
  const r = spliceIn(fd);
  directWrite(path);
  memory.fill(buf, 0, 4096);
  say("file read " + res(pread64(fd, buf, 4096, 0)) + ", 'D' " + count(0x44, 4096).toString());
  say("truncate " + res(ftruncate(fd, 0)));
  readPipe(r, 0x41);
}

function mapped(path: string): void {
  const fd = create(path, 0x41, 8192, true);
  const m = <usize>check("mmap", mmap(0, 8192, PROT_READ, MAP_SHARED, fd, 0));
  say("mapped first byte " + String.fromCharCode(load<u8>(m)));
  directWrite(path);
  say("mapped first byte after the direct write " + String.fromCharCode(load<u8>(m)));
  say("truncate " + res(ftruncate(fd, 0)));
  say("munmap " + res(munmap(m, 8192)));
}

function resurrect(path: string): void {
  const fd = create(path, 0x42, 4096, false);
  const r = spliceIn(fd);
  say("truncate " + res(ftruncate(fd, 0)));
  sync();
  say("extend " + res(ftruncate(fd, 4096)));
  memory.fill(buf, 0xff, 4096);
  const n = check("pread", pread64(fd, buf, 4096, 0));
  say("file read " + n.toString() + ", zeros " + count(0, 4096).toString());
  readPipe(r, 0x42);
}

const mode = arg(1), path = arg(2);
if (mode == "trunc") trunc(path);
else if (mode == "direct") direct(path);
else if (mode == "mapped") mapped(path);
else if (mode == "resurrect") resurrect(path);
else { say("unknown mode " + mode); exit_group(2); }
