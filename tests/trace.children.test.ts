import { describe, expect, it } from "vitest";
import { Sys } from "../kernel/abi/syscalls";
import { Agent, FaultKind, Place, Routine } from "../kernel/abi/trace";
import { FakeUser, copy, enter, exit, fault, runTrace } from "./helpers/trace";

describe("events inside a syscall", () => {
  it("are printed indented right after it, faults' own copies one level deeper", () => {
    const user = new FakeUser().poke(1, 0x410, "hello, world!").poke(1, 0x20000, "x".repeat(4096));
    const { lines, events } = runTrace([
      enter(1, Sys.write, [1, 0x410, 13]),
      copy(2, 1, Routine.copy_from_user, 0x410, 0x12c000, 13, Place.user, Place.kernel),
      exit(3, 1, Sys.write, 13),
      enter(4, Sys.read, [3, 0x20000, 4096]),
      copy(5, 4, Routine.disk_dma, 0, 0x3f000, 4096, Place.device, Place.frame, Agent.dma),
      fault(6, 4, FaultKind.cow, 0x20000, true),
      copy(7, 6, Routine.cow_copy, 0x40000, 0x41000, 4096, Place.frame, Place.frame),
      copy(8, 4, Routine.copy_to_user, 0x3f000, 0x20000, 4096, Place.frame, Place.user),
      exit(9, 4, Sys.read, 4096),
      fault(10, 0, FaultKind.minor, 0x10000, true),
    ], { user });
    expect(lines).toEqual([
      'write(1, "hello, world!", 13) = 13',
      "    copy cpu copy_from_user 13 B user 0x410 -> kernel 0x12c000",
      `read(3, "${"x".repeat(32)}"..., 4096) = 4096`,
      "    dma disk_dma 4096 B device -> frame 0x3f000",
      "    fault cow 0x20000 write",
      "        copy cpu cow_copy 4096 B frame 0x40000 -> frame 0x41000",
      "    copy cpu copy_to_user 4096 B frame 0x3f000 -> user 0x20000",
      "--- fault minor 0x10000 write ---",
    ]);
    expect(events[1]).toMatchObject({ type: "copy", cause: 1, causeName: "write", agent: "cpu",
      routine: "copy_from_user", bytes: 13, src: 0x410, dst: 0x12c000, from: "user", to: "kernel", depth: 1 });
    expect(events[5]).toMatchObject({ type: "copy", cause: 6, causeName: "fault", depth: 2 });
  });
});
