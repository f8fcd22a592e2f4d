// Test guest for the storage property test: runs the operations in /ops, one per line:
//   c PATH                create (O_CREAT|O_TRUNC) and close
//   w PATH OFF LEN SEED   pwrite LEN bytes of pattern(SEED) at OFF
//   t PATH LEN            ftruncate
//   u PATH                unlink
//   r OLD NEW             rename
//   m PATH OFF LEN SEED   store the pattern through a MAP_SHARED mapping (the file must cover it)
//   s PATH                fsync
// pattern(seed)[i] = (seed + i * 7) & 0xff. Exit 0 when every call succeeds, else 1 (printing the line).
import { arg, open, close, pwrite64, ftruncate, fsync, unlinkat, renameat, mmap, munmap, read,
  print, eprint, exit_group, errnoName, O_RDONLY, O_RDWR, O_CREAT, O_TRUNC, PROT_READ, PROT_WRITE, MAP_SHARED, AT_FDCWD } from "../../guests/sdk";

const BUF = 1 << 20;
const ops = memory.data(BUF);
const data = memory.data(65536);
const cpath = memory.data(256);

function cstr(s: string): usize {
  for (let i = 0; i < s.length; i++) store<u8>(cpath + i, <u8>s.charCodeAt(i));
  store<u8>(cpath + s.length, 0);
  return cpath;
}

function fail(line: string, r: i64): void { eprint("fsops: " + line + ": " + errnoName(<i32>-r) + "\n"); exit_group(1); }
function ok(line: string, r: i64): i64 { if (r < 0) fail(line, r); return r; }
function fill(len: i32, seed: i32, from: i32): void { for (let i = 0; i < len; i++) store<u8>(data + i, <u8>(seed + (from + i) * 7)); }

function run(line: string): void {
  const f = line.split(" ");
  const op = f[0];
  if (op == "c") { ok(line, close(<i32>ok(line, open(f[1], O_RDWR | O_CREAT | O_TRUNC)))); return; }
  if (op == "u") { ok(line, unlinkat(AT_FDCWD, cstr(f[1]), 0)); return; }
  if (op == "r") {
    const a = f[1], b = f[2];
    const pa = memory.data(256);
    for (let i = 0; i < a.length; i++) store<u8>(pa + i, <u8>a.charCodeAt(i));
    store<u8>(pa + a.length, 0);
    ok(line, renameat(AT_FDCWD, pa, AT_FDCWD, cstr(b)));
    return;
  }
  const fd = <i32>ok(line, open(f[1], O_RDWR));
  if (op == "w") {
    const off = I64.parseInt(f[2]), len = I32.parseInt(f[3]), seed = I32.parseInt(f[4]);
    for (let done = 0; done < len; done += 65536) {      // in 64 KiB pieces
      const n = min(65536, len - done);
      fill(n, seed, done);
      ok(line, pwrite64(fd, data, n, off + done));
    }
  } else if (op == "t") ok(line, ftruncate(fd, I64.parseInt(f[2])));
  else if (op == "s") ok(line, fsync(fd));
  else if (op == "m") {
    const off = I32.parseInt(f[2]), len = I32.parseInt(f[3]), seed = I32.parseInt(f[4]);
    const base = off & ~4095, span = off + len - base;
    const p = <usize>ok(line, mmap(0, span, PROT_READ | PROT_WRITE, MAP_SHARED, fd, base));
    for (let i = 0; i < len; i++) store<u8>(p + off - base + i, <u8>(seed + i * 7));
    ok(line, munmap(p, span));
  }
  close(fd);
}

const fd = <i32>ok("open /ops", open("/ops", O_RDONLY));
const n = <i32>ok("read /ops", read(fd, ops, BUF));
close(fd);
const text = String.UTF8.decodeUnsafe(ops, n);
const lines = text.split("\n");
for (let i = 0; i < lines.length; i++) if (lines[i].length > 0) run(lines[i]);
print("ok\n");
exit_group(0);
