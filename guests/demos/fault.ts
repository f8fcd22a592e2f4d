// fault: touches the kernel half of the address space (USER_TOP, 0xC0000000), which no user
// page maps: the kernel must kill it with SIGSEGV. If it survives it prints "survived" and
// exits 1. Usage: fault [load|store] (default store)

import { arg, print, exit_group, USER_TOP } from "../sdk";

const addr = <usize>USER_TOP;
if (arg(1, "store") == "load") {
  const v = load<u8>(addr);
  print("survived, read " + v.toString() + "\n");
} else {
  store<u8>(addr, 1);
  print("survived\n");
}
exit_group(1);
