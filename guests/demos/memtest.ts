// memtest: exercises brk, mmap, munmap and mprotect and checks results and errno values the
// way Linux defines them. Prints "ok NAME" or "FAIL NAME got X" per check; the exit status is
// the number of failures. (Faulting accesses, e.g. a store to a PROT_READ page, are left to
// the fault tests.) Usage: memtest

import {
  brk, mmap, munmap, mprotect, mmapAnon, print, exit_group, isError, errnoName, Errno,
  PAGE_SIZE, USER_TOP, PROT_READ, PROT_WRITE, MAP_PRIVATE, MAP_ANONYMOUS, MAP_FIXED,
} from "../sdk";

const RW = PROT_READ | PROT_WRITE;
const ANON = MAP_PRIVATE | MAP_ANONYMOUS;
const PAGE = <usize>PAGE_SIZE;
const FIXED_AT: usize = 0x40000000;    // an address nothing else maps: 1 GiB

let failures = 0;

/** Print the outcome of one check. */
function check(name: string, ok: bool, got: i64): void {
  if (ok) {
    print("ok " + name + "\n");
    return;
  }
  const why = isError(got) ? " (" + errnoName(<i32>-got) + ")" : "";
  print("FAIL " + name + " got " + got.toString() + why + "\n");
  failures++;
}

function expect(name: string, got: i64, want: i64): void {
  check(name, got == want, got);
}

/** True if the n bytes at p are all zero. */
function isZero(p: usize, n: usize): bool {
  for (let q = p; q < p + n; q += 8) if (load<u64>(q) != 0) return false;
  return true;
}

/** Write a pattern word by word over n bytes at p, then read it back. */
function patternHolds(p: usize, n: usize): bool {
  for (let i: usize = 0; i < n; i += 4) store<u32>(p + i, <u32>i * 2654435761);
  for (let i: usize = 0; i < n; i += 4) if (load<u32>(p + i) != <u32>i * 2654435761) return false;
  return true;
}

/** A mapping is a page-aligned user address. */
function isMapping(r: i64): bool {
  return r > 0 && (r & <i64>(PAGE - 1)) == 0 && r < <i64>USER_TOP;
}

function testMmap(): void {
  expect("mmap_zero_len", mmap(0, 0, RW, ANON, -1, 0), -Errno.EINVAL);
  expect("mmap_no_shared_or_private", mmap(0, PAGE, RW, MAP_ANONYMOUS, -1, 0), -Errno.EINVAL);
  const r = mmapAnon(4 * PAGE);
  check("mmap_anon", isMapping(r), r);
  if (!isMapping(r)) return;
  const p = <usize>r;
  check("mmap_anon_zero", isZero(p, 4 * PAGE), 0);
  check("mmap_anon_rw", patternHolds(p, 4 * PAGE), 0);
  expect("mprotect_unaligned", mprotect(p + 1, PAGE, PROT_READ), -Errno.EINVAL);
  expect("mprotect_read", mprotect(p, PAGE, PROT_READ), 0);
  check("mprotect_read_load", load<u32>(p + 4) == <u32>4 * 2654435761, load<u32>(p + 4));
  expect("mprotect_rw", mprotect(p, PAGE, RW), 0);
  check("mprotect_rw_store", patternHolds(p, PAGE), 0);
  expect("munmap_unaligned", munmap(p + 1, PAGE), -Errno.EINVAL);
  expect("munmap_zero_len", munmap(p, 0), -Errno.EINVAL);
  expect("munmap", munmap(p, 4 * PAGE), 0);
  const again = mmapAnon(4 * PAGE);
  check("mmap_again", isMapping(again), again);
  if (!isMapping(again)) return;
  check("mmap_again_zero", isZero(<usize>again, 4 * PAGE), 0);
  expect("munmap_again", munmap(<usize>again, 4 * PAGE), 0);
}

function testFixed(): void {
  const r = mmap(FIXED_AT, 2 * PAGE, RW, ANON | MAP_FIXED, -1, 0);
  expect("mmap_fixed", r, <i64>FIXED_AT);
  if (r != <i64>FIXED_AT) return;
  check("mmap_fixed_rw", patternHolds(FIXED_AT, 2 * PAGE), 0);
  expect("munmap_fixed", munmap(FIXED_AT, 2 * PAGE), 0);
  expect("mmap_fixed_unaligned", mmap(FIXED_AT + 1, PAGE, RW, ANON | MAP_FIXED, -1, 0), -Errno.EINVAL);
  expect("mmap_fixed_kernel", mmap(<usize>USER_TOP, PAGE, RW, ANON | MAP_FIXED, -1, 0), -Errno.ENOMEM);
}

function testBrk(): void {
  const b0 = brk(0);
  check("brk_query", b0 > 0 && b0 < <i64>USER_TOP, b0);
  if (b0 <= 0) return;
  const want = b0 + 2 * <i64>PAGE;
  const b1 = brk(<usize>want);
  expect("brk_grow", b1, want);
  if (b1 != want) return;
  store<u8>(<usize>b0, 0x5a);
  store<u8>(<usize>want - 1, 0xa5);
  check("brk_rw", load<u8>(<usize>b0) == 0x5a && load<u8>(<usize>want - 1) == 0xa5, 0);
  expect("brk_shrink", brk(<usize>b0), b0);
}

testMmap();
testFixed();
testBrk();
exit_group(failures);
