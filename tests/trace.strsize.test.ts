import { describe, expect, it } from "vitest";
import { Sys } from "../kernel/abi/syscalls";
import { FakeUser, enter, exit, runTrace } from "./helpers/trace";

const long = "/a/very/long/path/name/that/goes/on/and/on";   // 42 bytes

describe("strace -s", () => {
  it("cuts strings and buffers at 32 bytes by default, with ... after the quote", () => {
    const user = new FakeUser().pokeStr(1, 0x100, long).poke(1, 0x200, "x".repeat(40)).pokeStr(1, 0x300, long.slice(0, 32));
    const { lines } = runTrace([
      enter(1, Sys.chdir, [0x100]), exit(2, 1, Sys.chdir, 0),
      enter(3, Sys.write, [1, 0x200, 40]), exit(4, 3, Sys.write, 40),
      enter(5, Sys.chdir, [0x300]), exit(6, 5, Sys.chdir, 0),
    ], { user });
    expect(lines).toEqual([
      `chdir("${long.slice(0, 32)}"...) = 0`,
      `write(1, "${"x".repeat(32)}"..., 40) = 40`,
      `chdir("${long.slice(0, 32)}") = 0`,   // exactly 32 long: not cut
    ]);
  });

  it("honours strSize", () => {
    const user = new FakeUser().poke(1, 0x200, "hello world");
    const { lines } = runTrace([enter(1, Sys.write, [1, 0x200, 11]), exit(2, 1, Sys.write, 11)], { user, strSize: 5 });
    expect(lines).toEqual(['write(1, "hello"..., 11) = 11']);
  });
});
