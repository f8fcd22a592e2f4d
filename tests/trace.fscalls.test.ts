// strace text for the calls of symbolic and hard links, times, space, randomness and ppoll's
// sibling pselect6: paths quoted, flags and UTIME_* by name, the link target and random bytes
// shown as the result says, as strace prints them.
import { describe, expect, it } from "vitest";
import { Sys } from "../kernel/abi/syscalls";
import { AT_SYMLINK_NOFOLLOW, AT_FDCWD, AT_SYMLINK_FOLLOW, FALLOC_FL_KEEP_SIZE } from "../kernel/abi/fcntl";
import { UTIME_NOW } from "../kernel/abi/stat";
import { GRND_NONBLOCK } from "../kernel/abi/random";
import { CLOCK_MONOTONIC } from "../kernel/abi/time";
import { enter, exit, runTrace, FakeUser } from "./helpers/trace";

describe("the new file-system calls", () => {
  it("are decoded", () => {
    const u = new FakeUser().pokeStr(1, 0x100, "/d/f").pokeStr(1, 0x200, "/lnk").poke(1, 0x300, "/d/f")
      .pokeI64(1, 0x400, 0n, BigInt(UTIME_NOW), 7n, 5n)
      .poke(1, 0x500, [1, 2, 3, 4]).pokeI64(1, 0x600, 0n, 1n);
    const { lines } = runTrace([
      enter(1, Sys.symlinkat, [0x100, AT_FDCWD, 0x200]), exit(2, 1, Sys.symlinkat, 0),
      enter(3, Sys.readlinkat, [AT_FDCWD, 0x200, 0x300, 64]), exit(4, 3, Sys.readlinkat, 4),
      enter(5, Sys.linkat, [AT_FDCWD, 0x100, AT_FDCWD, 0x200, AT_SYMLINK_FOLLOW]), exit(6, 5, Sys.linkat, -17),
      enter(7, Sys.utimensat, [AT_FDCWD, 0x200, 0x400, AT_SYMLINK_NOFOLLOW]), exit(8, 7, Sys.utimensat, 0),
      enter(9, Sys.utimensat, [3, 0, 0, 0]), exit(10, 9, Sys.utimensat, 0),
      enter(11, Sys.fallocate, [3, FALLOC_FL_KEEP_SIZE, 0, 20000]), exit(12, 11, Sys.fallocate, 0),
      enter(13, Sys.getrandom, [0x500, 4, GRND_NONBLOCK]), exit(14, 13, Sys.getrandom, 4),
      enter(15, Sys.clock_getres, [CLOCK_MONOTONIC, 0x600]), exit(16, 15, Sys.clock_getres, 0),
      enter(17, Sys.pselect6, [4, 0x700, 0, 0, 0, 0]), exit(18, 17, Sys.pselect6, 1),
    ], { user: u });
    expect(lines).toEqual([
      'symlinkat("/d/f", AT_FDCWD, "/lnk") = 0',
      'readlinkat(AT_FDCWD, "/lnk", "/d/f", 64) = 4',
      'linkat(AT_FDCWD, "/d/f", AT_FDCWD, "/lnk", AT_SYMLINK_FOLLOW) = -1 EEXIST (File exists)',
      'utimensat(AT_FDCWD, "/lnk", [UTIME_NOW, {tv_sec=7, tv_nsec=5}], AT_SYMLINK_NOFOLLOW) = 0',
      "utimensat(3, NULL, NULL, 0) = 0",
      "fallocate(3, FALLOC_FL_KEEP_SIZE, 0, 20000) = 0",
      'getrandom("\\1\\2\\3\\4", 4, GRND_NONBLOCK) = 4',
      "clock_getres(CLOCK_MONOTONIC, {tv_sec=0, tv_nsec=1}) = 0",
      "pselect6(4, 0x700, NULL, NULL, NULL, NULL) = 1",
    ]);
  });
});
