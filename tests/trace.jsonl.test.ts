import { describe, expect, it } from "vitest";
import { Sys } from "../kernel/abi/syscalls";
import { Place, Routine } from "../kernel/abi/trace";
import { formatJsonl } from "../host/trace";
import { FakeUser, copy, enter, exit, runTrace } from "./helpers/trace";

describe("formatJsonl", () => {
  it("writes one JSON object per event; bigints become numbers, or strings when too large", () => {
    const user = new FakeUser().poke(1, 0x410, "hi");
    const { events } = runTrace([
      enter(1, Sys.write, [1, 0x410, 2, 0, 0, -1n]),
      copy(2, 1, Routine.copy_from_user, 0x410, 0x9000, 2, Place.user, Place.kernel),
      exit(3, 1, Sys.write, 2),
      enter(4, Sys.lseek, [3, 0x7fff_ffff_ffff_ffffn, 0]), exit(5, 4, Sys.lseek, -22),
    ], { user });
    const lines = events.map(formatJsonl);
    for (const l of lines) expect(l).not.toContain("\n");
    const objs = lines.map((l) => JSON.parse(l));
    expect(objs[0]).toEqual({ type: "syscall", seq: 1, pid: 1, time: 0, nr: 64, name: "write",
      args: [1, 0x410, 2, 0, 0, -1], ret: 2, text: 'write(1, "hi", 2) = 2', durNs: 0 });
    expect(objs[1]).toMatchObject({ type: "copy", cause: 1, causeName: "write", routine: "copy_from_user", bytes: 2 });
    expect(objs[2]).toMatchObject({ args: [3, "9223372036854775807", 0, 0, 0, 0], errno: "EINVAL", ret: -22 });
  });
});
