// fsstress: a deterministic file system stress. Runs N operations (default 200) picked by an LCG
// seeded with SEED (default 1) over a small name space under DIR (default /stress, which must not
// exist yet): files DIR/fK and DIR/dJ/fK (K < 8, J < 3), directories DIR/dJ. The operations are
// create (O_CREAT|O_TRUNC + write), append (O_APPEND + write), pwrite (at an offset, maybe past the
// end: a hole), ftruncate (shrink or grow), unlink, rename (maybe over another file), mkdir, fsync
// and a pread check of one file. An in-memory model predicts every result, errors (ENOENT,
// EEXIST) included. At the end every file's size and bytes and every directory's listing
// (getdents64) are checked against the model. Prints "ok", or the first mismatch
// ("op 57 pwrite /stress/d1/f3: got ENOENT, want 0"), and exits 0 or 1.
// Files reach 64 KiB, past the 12 direct blocks of a wsfs inode.
// Usage: fsstress [N] [SEED] [DIR]
import {
  argInt, arg, open, close, write, pread64, pwrite64, ftruncate, fsync, fstat, mkdir, unlink,
  rename, getdents64, fromCstr, mmapAnon, print, exit_group, errnoName,
  Errno, O_RDONLY, O_WRONLY, O_RDWR, O_CREAT, O_TRUNC, O_APPEND, O_DIRECTORY, STAT_SIZE, ST_SIZE, D_RECLEN, D_NAME, PAGE_SIZE,
} from "../sdk";

const NDIRS = 4;                         // DIR itself and DIR/d0..d2
const NFILES = 8;                        // f0..f7 in each
const NSLOTS = NDIRS * NFILES;
const MAXSIZE = 65536;                   // no file grows past this
const MAXW = 16384;                      // longest single write
const buf = memory.data(MAXSIZE, PAGE_SIZE);  // data to write, or read back
const st = memory.data(<i32>STAT_SIZE, 8);
const sizes = new StaticArray<i32>(NSLOTS);   // model: file sizes, -1 if absent
const dirs = new StaticArray<bool>(NDIRS);    // model: which directories exist
let model: usize = 0;                    // model: NSLOTS * MAXSIZE bytes of file contents
let seed: u32 = 1;
let root = "/stress";
let where = "";                         // the operation running, for messages

/** The next pseudo-random number below n (Numerical Recipes LCG, high bits). */
function rnd(n: i32): i32 {
  seed = seed * 1664525 + 1013904223;
  return <i32>((seed >> 8) % <u32>n);
}

function dirPath(d: i32): string { return d == 0 ? root : root + "/d" + (d - 1).toString(); }
function slotPath(s: i32): string { return dirPath(s / NFILES) + "/f" + (s % NFILES).toString(); }
function slotData(s: i32): usize { return model + <usize>s * MAXSIZE; }

/** Report the first mismatch and stop. */
function mismatch(what: string): void {
  print(where + ": " + what + "\n");
  exit_group(1);
}

function rstr(r: i64): string { return r < 0 ? errnoName(<i32>-r) : r.toString(); }

/** Check a syscall's result against the model's prediction. */
function expect(r: i64, want: i64): void {
  if (r != want) mismatch("got " + rstr(r) + ", want " + rstr(want));
}

/** Fill buf with n bytes derived from the LCG. */
function fill(n: i32): void {
  const salt = <u32>rnd(256);
  for (let i = 0; i < n; i++) store<u8>(buf + <usize>i, <u8>(salt + <u32>i * 7 + (<u32>i >> 9)));
}

/** Resize slot s in the model, zero-filling any growth. */
function resize(s: i32, n: i32): void {
  if (n > sizes[s]) memory.fill(slotData(s) + <usize>sizes[s], 0, <usize>(n - sizes[s]));
  sizes[s] = n;
}

/** Open slot s's file, checking the model's prediction (ENOENT if it, or its directory for
 *  O_CREAT, is missing); the fd, or -1 if the open rightly failed. */
function openSlot(s: i32, flags: i32): i32 {
  const fd = open(slotPath(s), flags, 0o644);
  const ok = sizes[s] >= 0 || ((flags & O_CREAT) != 0 && dirs[s / NFILES]);
  if (!ok) { expect(fd, -Errno.ENOENT); return -1; }
  if (fd < 0) mismatch("open got " + rstr(fd) + ", want an fd");
  return <i32>fd;
}

/** Write n bytes of buf (at the file offset, or with pwrite at off >= 0), then close. */
function writeAndClose(fd: i32, n: i32, off: i32): void {
  const r = off < 0 ? write(fd, buf, <usize>n) : pwrite64(fd, buf, <usize>n, off);
  expect(r, n);
  expect(close(fd), 0);
}

function opCreate(s: i32): void {
  const n = rnd(MAXW + 1);
  fill(n);
  const fd = openSlot(s, O_WRONLY | O_CREAT | O_TRUNC);
  if (fd < 0) return;
  writeAndClose(fd, n, -1);
  sizes[s] = 0;
  resize(s, n);
  memory.copy(slotData(s), buf, <usize>n);
}

function opAppend(s: i32): void {
  const fd = openSlot(s, O_WRONLY | O_APPEND);
  if (fd < 0) return;
  const n = rnd(min(MAXW, MAXSIZE - sizes[s]) + 1);
  fill(n);
  writeAndClose(fd, n, -1);
  const at = sizes[s];
  resize(s, at + n);
  memory.copy(slotData(s) + <usize>at, buf, <usize>n);
}

function opPwrite(s: i32): void {
  const fd = openSlot(s, O_RDWR);
  if (fd < 0) return;
  const off = rnd(MAXSIZE - MAXW);
  const n = rnd(MAXW + 1);
  fill(n);
  writeAndClose(fd, n, off);
  if (off + n > sizes[s]) resize(s, off + n);
  memory.copy(slotData(s) + <usize>off, buf, <usize>n);
}

function opTruncate(s: i32): void {
  const fd = openSlot(s, O_RDWR);
  if (fd < 0) return;
  const n = rnd(MAXSIZE + 1);
  expect(ftruncate(fd, n), 0);
  expect(close(fd), 0);
  resize(s, n);
}

function opUnlink(s: i32): void {
  const ok = sizes[s] >= 0;
  expect(unlink(slotPath(s)), ok ? 0 : -Errno.ENOENT);
  if (ok) sizes[s] = -1;
}

function opRename(s: i32, t: i32): void {
  const ok = sizes[s] >= 0 && dirs[t / NFILES];
  expect(rename(slotPath(s), slotPath(t)), ok ? 0 : -Errno.ENOENT);
  if (!ok || s == t) return;
  memory.copy(slotData(t), slotData(s), <usize>sizes[s]);
  sizes[t] = sizes[s];
  sizes[s] = -1;
}

function opMkdir(d: i32): void {
  expect(mkdir(dirPath(d)), dirs[d] ? -Errno.EEXIST : 0);
  dirs[d] = true;
}

function opFsync(s: i32): void {
  const fd = openSlot(s, O_RDONLY);
  if (fd < 0) return;
  expect(fsync(fd), 0);
  expect(close(fd), 0);
}

/** Check slot s's file against the model: fstat size, then every byte read back. */
function verify(s: i32): void {
  const fd = openSlot(s, O_RDONLY);
  if (fd < 0) return;
  expect(fstat(fd, st), 0);
  const size = load<i64>(st + ST_SIZE);
  if (size != sizes[s]) mismatch("size is " + size.toString() + ", want " + sizes[s].toString());
  expect(pread64(fd, buf, MAXSIZE, 0), sizes[s]);
  for (let i = 0; i < sizes[s]; i++) {
    const got = load<u8>(buf + <usize>i), want = load<u8>(slotData(s) + <usize>i);
    if (got != want) mismatch("byte " + i.toString() + " is " + got.toString() + ", want " + want.toString());
  }
  expect(close(fd), 0);
}

/** The names directory d should hold, sorted and joined by spaces. */
function wantNames(d: i32): string {
  const names = new Array<string>();
  for (let k = 0; k < NFILES; k++) if (sizes[d * NFILES + k] >= 0) names.push("f" + k.toString());
  if (d == 0) for (let j = 1; j < NDIRS; j++) if (dirs[j]) names.push("d" + (j - 1).toString());
  names.sort();
  return names.join(" ");
}

/** The names directory d holds (without "." and ".."), sorted and joined by spaces. */
function gotNames(d: i32): string {
  const fd = open(dirPath(d), O_RDONLY | O_DIRECTORY);
  if (fd < 0) mismatch(dirPath(d) + ": " + rstr(fd));
  const names = new Array<string>();
  let n: i64;
  while ((n = getdents64(<i32>fd, buf, MAXSIZE)) > 0) {
    for (let off: usize = 0; off < <usize>n; off += load<u16>(buf + off + D_RECLEN)) {
      const name = fromCstr(buf + off + D_NAME);
      if (name != "." && name != "..") names.push(name);
    }
  }
  expect(n, 0);
  expect(close(<i32>fd), 0);
  names.sort();
  return names.join(" ");
}

// Operation names by number; create comes twice (0 and 9) so that files outnumber unlinks.
const OPS = ["create", "append", "pwrite", "ftruncate", "unlink", "rename", "mkdir", "fsync", "check", "create"];

/** A random slot: mostly (7 in 8) one whose file exists, if any does, so that few operations
 *  end in ENOENT. */
function pickSlot(): i32 {
  const start = rnd(NSLOTS);
  if (rnd(8) == 0) return start;
  for (let k = 0; k < NSLOTS; k++) if (sizes[(start + k) % NSLOTS] >= 0) return (start + k) % NSLOTS;
  return start;
}

/** Run operation number i, picked at random. */
function step(i: i32): void {
  const op = rnd(OPS.length), s = OPS[op] == "create" ? rnd(NSLOTS) : pickSlot();
  where = "op " + i.toString() + " " + OPS[op] + " " + slotPath(s);
  switch (op) {
    case 0: opCreate(s); break;
    case 1: opAppend(s); break;
    case 2: opPwrite(s); break;
    case 3: opTruncate(s); break;
    case 4: opUnlink(s); break;
    case 5: { const t = rnd(NSLOTS); where += " " + slotPath(t); opRename(s, t); break; }
    case 6: { const d = 1 + rnd(NDIRS - 1); where = "op " + i.toString() + " mkdir " + dirPath(d); opMkdir(d); break; }
    case 7: opFsync(s); break;
    case 8: verify(s); break;
    default: opCreate(s);
  }
}

/** Check every file and every directory listing against the model. */
function verifyAll(): void {
  for (let s = 0; s < NSLOTS; s++) {
    where = "end " + slotPath(s);
    verify(s);
  }
  for (let d = 0; d < NDIRS; d++) {
    if (!dirs[d]) continue;
    where = "end " + dirPath(d);
    const got = gotNames(d), want = wantNames(d);
    if (got != want) mismatch("holds [" + got + "], want [" + want + "]");
  }
}

const n = <i32>argInt(1, 200);
seed = <u32>argInt(2, 1);
root = arg(3, "/stress");
const m = mmapAnon(<usize>NSLOTS * MAXSIZE);
if (m < 0) { print("fsstress: mmap: " + errnoName(<i32>-m) + "\n"); exit_group(1); }
model = <usize>m;
for (let s = 0; s < NSLOTS; s++) sizes[s] = -1;
where = "mkdir " + root;
expect(mkdir(root), 0);
dirs[0] = true;
for (let i = 1; i <= n; i++) step(i);
verifyAll();
print("ok\n");
exit_group(0);
