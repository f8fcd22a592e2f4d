// Test guest for tests/isolation.sysarg-highptr.test.ts: system calls given a user pointer with bits
// above 32 set (buf + 2^32). The kernel must not cut it to its low 32 bits (which would reach `buf`):
// each call prints its errno, and the buffer it would have written must be untouched.
import { print, errnoName, syscall6, cstr, Sys, pipe2, write, exit_group } from "../../guests/sdk";

const HIGH: u64 = 0x100000000;
const buf = memory.data(64);
const fds = memory.data(8);

function res(what: string, r: i64): void {
  print(what + " " + (r < 0 && r >= -4095 ? errnoName(<i32>-r) : "ok " + r.toString()) + "\n");
}

store<u8>(buf, 0x55);
if (pipe2(fds) < 0) exit_group(2);
write(load<i32>(fds + 4), changetype<usize>(cstr("x")), 1);
res("read", syscall6(Sys.read, load<i32>(fds), HIGH + <u64>buf, 1, 0, 0, 0));
print("buf " + load<u8>(buf).toString() + "\n");
res("write", syscall6(Sys.write, load<i32>(fds + 4), HIGH + <u64>buf, 1, 0, 0, 0));
res("getcwd", syscall6(Sys.getcwd, HIGH + <u64>buf, 64, 0, 0, 0, 0));
print("buf " + load<u8>(buf).toString() + "\n");
res("pipe2", syscall6(Sys.pipe2, HIGH + <u64>fds, 0, 0, 0, 0, 0));
res("openat", syscall6(Sys.openat, -100, HIGH + <u64>changetype<usize>(cstr("/")), 0, 0, 0, 0));
