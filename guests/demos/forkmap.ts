// forkmap: what fork costs when a process has a lot of memory mapped. Maps MIB MiB of private
// anonymous memory and stores one byte in every page (so every page is present), prints
// "mapped N pages", then forks FORKS times. Each child stores into its first WRITE pages of the
// mapping (each store is a copy-on-write fault that copies one page), checks that it still sees
// the parent's bytes in the pages it did not write, and exits; the parent waits for it. At the
// end the parent checks that no child's store reached its own pages and prints
// "forked F times, each child wrote W pages". Run it with --stats or --trace=fault: the cow faults
// and page copies count the written pages only; fork itself copies page tables, not pages.
// Exit 0 if every check held, 1 if a check failed ("forkmap: ..."), 2 for bad usage.
// Usage: forkmap MIB [FORKS] [WRITE]     (FORKS defaults to 1, WRITE to 0)
import { argc, argInt, fork, waitpid, mmapAnon, print, printInt, eprint, exit_group, errnoName, PAGE_SIZE } from "../sdk";

const status = memory.data(4);

function fail(what: string): void { eprint("forkmap: " + what + "\n"); exit_group(1); }

/** The byte the parent stores in page i; a child stores its complement. */
function mark(i: usize): u8 { return <u8>((i * 7 + 1) & 0xff); }

/** In the child: write the first `write` pages, check the rest, exit. */
function child(base: usize, pages: usize, write: usize): void {
  for (let i: usize = 0; i < write; i++) store<u8>(base + i * PAGE_SIZE, ~mark(i));
  for (let i = write; i < pages; i++) if (load<u8>(base + i * PAGE_SIZE) != mark(i)) exit_group(1);
  exit_group(0);
}

if (argc() < 2 || argc() > 4) { eprint("usage: forkmap MIB [FORKS] [WRITE]\n"); exit_group(2); }
const mib = argInt(1, -1), forks = argInt(2, 1), write = argInt(3, 0);
const pages = <usize>mib * 256;
if (mib < 1 || forks < 0 || write < 0 || <usize>write > pages) { eprint("usage: forkmap MIB [FORKS] [WRITE]\n"); exit_group(2); }
const r = mmapAnon(pages * PAGE_SIZE);
if (r < 0) fail("mmap " + mib.toString() + " MiB: " + errnoName(<i32>-r));
const base = <usize>r;
for (let i: usize = 0; i < pages; i++) store<u8>(base + i * PAGE_SIZE, mark(i));
print("mapped "); printInt(<i64>pages); print(" pages\n");
for (let n: i64 = 0; n < forks; n++) {
  const pid = fork();
  if (pid < 0) fail("fork: " + errnoName(<i32>-pid));
  if (pid == 0) child(base, pages, <usize>write);
  if (waitpid(<i32>pid, status, 0) != pid) fail("wait4 failed");
  if (load<i32>(status) != 0) fail("child " + pid.toString() + " saw a page it did not write change");
}
for (let i: usize = 0; i < pages; i++) if (load<u8>(base + i * PAGE_SIZE) != mark(i)) fail("a child's store reached the parent");
print("forked "); printInt(forks); print(" times, each child wrote "); printInt(write); print(" pages\n");
exit_group(0);
