// cat: copy each file named (or stdin, with none or "-") to stdout with read() and write(),
// through one 64 KiB buffer. Exit 1 if a file cannot be opened or read.
// Usage: cat [FILE...]
import { argc, arg, open, read, close, writeAll, eprint, exit_group, errnoName, O_RDONLY, PAGE_SIZE } from "../sdk";

const BUF = 65536;
const buf = memory.data(BUF, PAGE_SIZE);
let status = 0;

function copy(fd: i32, name: string): void {
  for (;;) {
    const n = read(fd, buf, BUF);
    if (n == 0) return;
    if (n < 0) { eprint("cat: " + name + ": " + errnoName(<i32>-n) + "\n"); status = 1; return; }
    writeAll(1, buf, <usize>n);
  }
}

if (argc() < 2) copy(0, "-");
for (let i = 1; i < argc(); i++) {
  const name = arg(i);
  if (name == "-") { copy(0, "-"); continue; }
  const fd = open(name, O_RDONLY);
  if (fd < 0) { eprint("cat: " + name + ": " + errnoName(<i32>-fd) + "\n"); status = 1; continue; }
  copy(<i32>fd, name);
  close(<i32>fd);
}
exit_group(status);
