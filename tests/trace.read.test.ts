import { describe, expect, it } from "vitest";
import { Sys } from "../kernel/abi/syscalls";
import { FakeUser, enter, exit, runTrace } from "./helpers/trace";

describe("read", () => {
  it("shows the output buffer at exit, as long as the result says", () => {
    const user = new FakeUser().poke(1, 0x5000, "abc\0\x01junk");
    const { lines } = runTrace([enter(1, Sys.read, [0, 0x5000, 100]), exit(2, 1, Sys.read, 5)], { user });
    expect(lines).toEqual(['read(0, "abc\\0\\1", 100) = 5']);
  });

  it("shows the pointer when the call failed, and an empty string at end of file", () => {
    const user = new FakeUser().poke(1, 0x5000, "x");
    const { lines } = runTrace([
      enter(1, Sys.read, [3, 0x5000, 10]), exit(2, 1, Sys.read, -14),
      enter(3, Sys.read, [3, 0x5000, 10]), exit(4, 3, Sys.read, 0),
    ], { user });
    expect(lines).toEqual(["read(3, 0x5000, 10) = -1 EFAULT (Bad address)", 'read(3, "", 10) = 0']);
  });
});
