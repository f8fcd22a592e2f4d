import { describe, expect, it } from "vitest";
import { Sys } from "../kernel/abi/syscalls";
import { enter, exit, runTrace } from "./helpers/trace";

describe("mmap and brk", () => {
  it("show PROT_*/MAP_* names and hex addresses as results", () => {
    const { lines } = runTrace([
      enter(1, Sys.mmap, [0, 8192, 3, 0x22, -1, 0]), exit(2, 1, Sys.mmap, 0xbfefe000),
      enter(3, Sys.mmap, [0x10000, 4096, 0, 0x11, 3, 0x2000]), exit(4, 3, Sys.mmap, -12),
      enter(5, Sys.brk, [0]), exit(6, 5, Sys.brk, 0x30000),
      enter(7, Sys.munmap, [0xbfefe000, 8192]), exit(8, 7, Sys.munmap, 0),
    ]);
    expect(lines).toEqual([
      "mmap(NULL, 8192, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS, -1, 0) = 0xbfefe000",
      "mmap(0x10000, 4096, PROT_NONE, MAP_SHARED|MAP_FIXED, 3, 0x2000) = -1 ENOMEM (Cannot allocate memory)",
      "brk(NULL) = 0x30000",
      "munmap(0xbfefe000, 8192) = 0",
    ]);
  });
});
