// Output: write AssemblyScript strings (UTF-16) and numbers to file descriptors as UTF-8.
// Nothing here allocates: strings are encoded in chunks into a static buffer, so printing
// works in an abort handler and does not grow the heap of a never-freeing runtime.
//
// Interface:
//   writeAll(fd, p, n)            write all n bytes at p, retrying short writes and EINTR;
//                                 returns n, a smaller count at end of file, or -errno
//   writeString(fd, s) writeInt(fd, n) writeHex(fd, n)
//   print(s) eprint(s)            s to stdout / stderr
//   printInt(n) eprintInt(n)      n in decimal
//   printHex(n)                   n in hex with 0x prefix

import { Errno } from "../../kernel/abi/errno";
import { write } from "./file";

const BUF_SIZE: usize = 4096;
const CHUNK: i32 = 1024;                   // UTF-16 units per chunk: at most 3 UTF-8 bytes each
const buf = memory.data(<i32>BUF_SIZE);    // UTF-8 staging for writeString
const num = memory.data(32);               // digits for writeInt / writeHex

/** Write all n bytes at p to fd. */
export function writeAll(fd: i32, p: usize, n: usize): i64 {
  let done: usize = 0;
  while (done < n) {
    const r = write(fd, p + done, n - done);
    if (r == -Errno.EINTR) continue;
    if (r < 0) return r;
    if (r == 0) break;
    done += <usize>r;
  }
  return <i64>done;
}

/** Write s to fd as UTF-8; returns the bytes written or -errno. */
export function writeString(fd: i32, s: string): i64 {
  const p = changetype<usize>(s);
  const len = s.length;
  let total: i64 = 0;
  for (let i = 0; i < len; ) {
    let n = min(len - i, CHUNK);
    const last = load<u16>(p + (<usize>(i + n - 1) << 1));
    if (i + n < len && (last & 0xfc00) == 0xd800) n--;   // keep a surrogate pair together
    const bytes = String.UTF8.encodeUnsafe(p + (<usize>i << 1), n, buf);
    const r = writeAll(fd, buf, bytes);
    if (r < 0) return r;
    total += r;
    i += n;
  }
  return total;
}

/** Write n in decimal to fd. */
export function writeInt(fd: i32, n: i64): i64 {
  let m: u64 = n < 0 ? <u64>(-n) : <u64>n;   // -i64.MIN_VALUE wraps to the right magnitude
  let p = num + 32;
  do {
    store<u8>(--p, <u8>(0x30 + m % 10));
    m /= 10;
  } while (m != 0);
  if (n < 0) store<u8>(--p, 0x2d);            // '-'
  return writeAll(fd, p, num + 32 - p);
}

/** Write n in hexadecimal with a 0x prefix to fd. */
export function writeHex(fd: i32, n: u64): i64 {
  let p = num + 32;
  do {
    const d = <u8>(n & 0xf);
    store<u8>(--p, d < 10 ? 0x30 + d : 0x57 + d);   // 0-9, a-f
    n >>= 4;
  } while (n != 0);
  store<u8>(--p, 0x78);                       // 'x'
  store<u8>(--p, 0x30);                       // '0'
  return writeAll(fd, p, num + 32 - p);
}

export function print(s: string): void { writeString(1, s); }
export function eprint(s: string): void { writeString(2, s); }
export function printInt(n: i64): void { writeInt(1, n); }
export function eprintInt(n: i64): void { writeInt(2, n); }
export function printHex(n: u64): void { writeHex(1, n); }
