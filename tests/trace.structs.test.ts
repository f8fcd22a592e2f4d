import { describe, expect, it } from "vitest";
import { Sys } from "../kernel/abi/syscalls";
import { Sig } from "../kernel/abi/signals";
import { FakeUser, enter, exit, runTrace } from "./helpers/trace";

describe("structured arguments", () => {
  it("timespec, clock ids, signals, wait status and fd pairs", () => {
    const user = new FakeUser()
      .pokeI64(1, 0x100, 1n, 500n)                 // nanosleep's request
      .pokeI64(1, 0x200, 42n, 7n)                  // clock_gettime's result
      .pokeU32(1, 0x300, 7 << 8)                   // wait4 status: exited with 7
      .pokeU32(1, 0x400, 3, 4);                    // pipe2's fds
    const { lines } = runTrace([
      enter(1, Sys.nanosleep, [0x100, 0]), exit(2, 1, Sys.nanosleep, 0),
      enter(3, Sys.clock_gettime, [1, 0x200]), exit(4, 3, Sys.clock_gettime, 0),
      enter(5, Sys.kill, [2, Sig.SIGTERM]), exit(6, 5, Sys.kill, 0),
      enter(7, Sys.wait4, [-1, 0x300, 1, 0]), exit(8, 7, Sys.wait4, 2),
      enter(9, Sys.pipe2, [0x400, 0o2000000]), exit(10, 9, Sys.pipe2, 0),
      enter(11, Sys.lseek, [3, -4, 2]), exit(12, 11, Sys.lseek, 96),
    ], { user });
    expect(lines).toEqual([
      "nanosleep({tv_sec=1, tv_nsec=500}, NULL) = 0",
      "clock_gettime(CLOCK_MONOTONIC, {tv_sec=42, tv_nsec=7}) = 0",
      "kill(2, SIGTERM) = 0",
      "wait4(-1, [{WIFEXITED(s) && WEXITSTATUS(s) == 7}], WNOHANG, NULL) = 2",
      "pipe2([3, 4], O_CLOEXEC) = 0",
      "lseek(3, -4, SEEK_END) = 96",
    ]);
  });

  it("iovec arrays ({u32 base, u32 len} on wasm32): writev at entry, readv spread over the result", () => {
    const user = new FakeUser()
      .pokeU32(1, 0x100, 0x1000, 5, 0x2000, 1)     // writev: "hello", "\n"
      .poke(1, 0x1000, "hello").poke(1, 0x2000, "\n")
      .pokeU32(1, 0x200, 0x3000, 2, 0x4000, 10)    // readv: 2 + 10 bytes, 5 read
      .poke(1, 0x3000, "ab").poke(1, 0x4000, "cdefghijkl");
    const { lines } = runTrace([
      enter(1, Sys.writev, [1, 0x100, 2]), exit(2, 1, Sys.writev, 6),
      enter(3, Sys.readv, [0, 0x200, 2]), exit(4, 3, Sys.readv, 5),
    ], { user });
    expect(lines).toEqual([
      'writev(1, [{iov_base="hello", iov_len=5}, {iov_base="\\n", iov_len=1}], 2) = 6',
      'readv(0, [{iov_base="ab", iov_len=2}, {iov_base="cde", iov_len=10}], 2) = 5',
    ]);
  });
});
