// Text for the pseudo files (Linux's seq_file): a record over a kernel buffer (a /proc file's page)
// that the generators of procfsgen.ts append to. The buffer is a window on the text: it keeps the
// bytes from offset `skip` on, as many as fit; those before and after are counted and dropped, so a
// text longer than the buffer is read a window at a time (procfs.ts makes it again for each window).
//
//   Seq (16 bytes)
//   +------+-----+-----+------+
//   | base | len | cap | skip |   base: the buffer (a frame held by the open file); len: bytes of
//   +------+-----+-----+------+   text made so far (kept or not); cap: the buffer's size; skip: the
//                                 text's offset the buffer starts at
//
// Interface: Seq, KB_PER_PAGE, seqStr(s, text), seqChar(s, c), seqNum(s, v), seqPad(s, v, width) (right
// aligned, as printf's %Nu), seqHex(s, v, digits) (zero padded), seqKb(s, name, pages) (a meminfo
// line "Name:   N kB"), seqBytes(s, addr, n), seqFrac(s, v, unit) (v / unit with two decimals).
import { PAGE_SIZE } from "./abi/layout";

@unmanaged export class Seq {
  base: usize;
  len: u32;
  cap: u32;
  skip: u32;
}

export const KB_PER_PAGE: u64 = <u64>PAGE_SIZE >> 10;   // a page in kB
const MEMINFO_WIDTH: i32 = 8;      // Linux's "%8lu kB" after the name padded to 16 columns
const MEMINFO_NAME: i32 = 16;

export function seqChar(s: Seq, c: u32): void {
  if (s.len >= s.skip && s.len - s.skip < s.cap) store<u8>(s.base + s.len - s.skip, <u8>c);
  s.len++;
}

export function seqStr(s: Seq, t: string): void {
  for (let i = 0; i < t.length; i++) seqChar(s, t.charCodeAt(i));
}

export function seqBytes(s: Seq, addr: usize, n: u32): void {
  for (let i: u32 = 0; i < n; i++) seqChar(s, load<u8>(addr + i));
}

function digits(v: u64): i32 {
  let n = 1;
  while (v >= 10) { v /= 10; n++; }
  return n;
}

export function seqNum(s: Seq, v: u64): void { seqPad(s, v, 0); }

export function seqPad(s: Seq, v: u64, width: i32): void {
  const n = digits(v);
  for (let i = n; i < width; i++) seqChar(s, 0x20);
  let div: u64 = 1;
  for (let i = 1; i < n; i++) div *= 10;
  for (; div > 0; div /= 10) seqChar(s, 0x30 + <u32>((v / div) % 10));
}

export function seqHex(s: Seq, v: u64, width: i32): void {
  let n = 1;
  while (n < 16 && (v >> (<u64>n * 4)) != 0) n++;
  for (let i = n; i < width; i++) seqChar(s, 0x30);
  for (let i = n - 1; i >= 0; i--) {
    const d = <u32>((v >> (<u64>i * 4)) & 15);
    seqChar(s, d < 10 ? 0x30 + d : 0x61 + d - 10);
  }
}

// "v.xx": v / unit with two decimals, truncated (Linux's LOAD_INT / LOAD_FRAC, and uptime's).
export function seqFrac(s: Seq, v: u64, unit: u64): void {
  seqNum(s, v / unit);
  seqChar(s, 0x2e);
  const frac = ((v % unit) * 100) / unit;
  if (frac < 10) seqChar(s, 0x30);
  seqNum(s, frac);
}

// A /proc/meminfo line: the name and colon padded to 16 columns, the size in kB in 8.
export function seqKb(s: Seq, name: string, pages: u64): void {
  seqStr(s, name);
  seqChar(s, 0x3a);
  for (let i = name.length + 1; i < MEMINFO_NAME - 1; i++) seqChar(s, 0x20);
  seqChar(s, 0x20);
  seqPad(s, pages * KB_PER_PAGE, MEMINFO_WIDTH);
  seqStr(s, " kB\n");
}
