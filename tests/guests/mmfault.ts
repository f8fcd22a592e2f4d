// mmfault: maps one anonymous page, writes to it, then breaks access to it and touches it again.
//   mmfault mprotect   mprotect(PROT_READ), read (must work), then store: SIGSEGV expected
//   mmfault munmap     munmap, then load: SIGSEGV expected
// Prints one line per step that succeeded; "survived" and exit 1 if the last access returns;
// exit 2 (message on stderr) if a syscall fails.

import { arg, mmapAnon, mprotect, munmap, print, eprint, exit_group, PAGE_SIZE, PROT_READ } from "../../guests/sdk";

function must(what: string, r: i64): void {
  if (r >= 0) return;
  eprint("mmfault: " + what + " failed: " + r.toString() + "\n");
  exit_group(2);
}

const r = mmapAnon(PAGE_SIZE);
must("mmap", r);
const p = <usize>r;
store<u32>(p + 16, 0x600dcafe);
print("mapped\n");
if (arg(1) == "mprotect") {
  must("mprotect", mprotect(p, PAGE_SIZE, PROT_READ));
  if (load<u32>(p + 16) == 0x600dcafe) print("read-only read ok\n");
  store<u32>(p + 16, 0xbad);
} else {
  must("munmap", munmap(p, PAGE_SIZE));
  print("unmapped\n");
  print(load<u32>(p + 16).toString() + "\n");
}
print("survived\n");
exit_group(1);
