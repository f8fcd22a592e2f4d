import { describe, expect, it } from "vitest";
import { Sys } from "../kernel/abi/syscalls";
import { FakeUser, enter, exit, runTrace } from "./helpers/trace";

const O_WRONLY = 1, O_CREAT = 0o100, O_TRUNC = 0o1000, O_CLOEXEC = 0o2000000;

describe("openat", () => {
  it("shows AT_FDCWD, the path, symbolic flags, and the mode only with O_CREAT", () => {
    const user = new FakeUser().pokeStr(1, 0x100, "/etc/passwd").pokeStr(1, 0x200, "out.txt");
    const { lines } = runTrace([
      enter(1, Sys.openat, [-100, 0x100, O_CLOEXEC, 0o777]), exit(2, 1, Sys.openat, 3),
      enter(3, Sys.openat, [-100, 0x200, O_WRONLY | O_CREAT | O_TRUNC, 0o644]), exit(4, 3, Sys.openat, 4),
      enter(5, Sys.openat, [5, 0x300, 0x1_0000_0000 + 2, 0]), exit(6, 5, Sys.openat, -2),
    ], { user });
    expect(lines).toEqual([
      'openat(AT_FDCWD, "/etc/passwd", O_RDONLY|O_CLOEXEC) = 3',
      'openat(AT_FDCWD, "out.txt", O_WRONLY|O_CREAT|O_TRUNC, 0644) = 4',
      "openat(5, 0x300, O_RDWR) = -1 ENOENT (No such file or directory)",
    ]);
  });
});
