// Test guest: an O_DIRECT write over several pages whose cached copies are dirty. Each cached page
// is written back before the DMA (coherence); the write-backs must not disturb the list of user
// pages the direct request is being built from. FILE gets 4 pages 'A','B','C','D' by write()
// (dirty, not synced), then one O_DIRECT pwrite of 'a','b','c','d' over them, then an O_DIRECT and
// a buffered read back, one line each: how many bytes of each page are right.
// Usage: directdirty FILE
import { arg, open, write, pread64, pwrite64, close, print, exit_group, errnoName, O_RDWR, O_CREAT, O_TRUNC,
  O_DIRECT } from "../../guests/sdk";

const PAGES = 4;
const buf = memory.data(PAGES * 4096, 4096);

function res(r: i64): string { return r < 0 ? errnoName(<i32>-r) : r.toString(); }
function say(s: string): void { print(s + "\n"); }
function check(what: string, r: i64): i64 { if (r < 0) { say(what + ": " + res(r)); exit_group(1); } return r; }

function fill(first: u8): void {
  for (let p = 0; p < PAGES; p++) memory.fill(buf + <usize>p * 4096, first + <u8>p, 4096);
}

// Per page: how many of its 4096 bytes equal first + page.
function tally(first: u8): string {
  let s = "";
  for (let p = 0; p < PAGES; p++) {
    let k = 0;
    for (let i = 0; i < 4096; i++) if (load<u8>(buf + <usize>p * 4096 + i) == first + <u8>p) k++;
    s += (p > 0 ? " " : "") + k.toString();
  }
  return s;
}

const path = arg(1);
const fd = <i32>check("open", open(path, O_RDWR | O_CREAT | O_TRUNC));
fill(0x41);
say("write " + res(write(fd, buf, PAGES * 4096)));
const d = <i32>check("open O_DIRECT", open(path, O_RDWR | O_DIRECT));
fill(0x61);
say("direct write " + res(pwrite64(d, buf, PAGES * 4096, 0)));
memory.fill(buf, 0, PAGES * 4096);
say("direct read " + res(pread64(d, buf, PAGES * 4096, 0)) + ": " + tally(0x61));
memory.fill(buf, 0, PAGES * 4096);
say("read " + res(pread64(fd, buf, PAGES * 4096, 0)) + ": " + tally(0x61));
close(d);
close(fd);
exit_group(0);
