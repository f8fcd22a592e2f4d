import { describe, expect, it } from "vitest";
import { Sys } from "../kernel/abi/syscalls";
import { Ev } from "../kernel/abi/trace";
import { FakeUser, enter, exit, runTrace } from "./helpers/trace";

describe("two processes", () => {
  it("a blocked call is cut into <unfinished ...> and <... resumed>", () => {
    const user = new FakeUser().poke(2, 0x800, "ping\n").poke(1, 0x900, "ping\n");
    const { lines, events } = runTrace([
      enter(1, Sys.read, [0, 0x900, 64], 1),
      { seq: 2, kind: Ev.procSwitch, pid: 1, a: [1, 2] },
      enter(3, Sys.write, [1, 0x800, 5], 2),
      exit(4, 3, Sys.write, 5, 2),
      { seq: 5, kind: Ev.procSwitch, pid: 2, a: [2, 1] },
      exit(6, 1, Sys.read, 5, 1),
    ], { user, multiPid: true });
    expect(lines).toEqual([
      "[pid 1] read(0,  <unfinished ...>",
      "--- switch 1 -> 2 ---",
      '[pid 2] write(1, "ping\\n", 5) = 5',
      "--- switch 2 -> 1 ---",
      '[pid 1] <... read resumed>"ping\\n", 64) = 5',
    ]);
    expect(events.at(-1)).toMatchObject({ type: "syscall", name: "read", resumed: true, ret: 5n });
  });

  it("another pid's entry alone cuts a pending call", () => {
    const { lines } = runTrace([
      enter(1, Sys.nanosleep, [0], 1), enter(2, Sys.getpid, [], 2), exit(3, 2, Sys.getpid, 2, 2), exit(4, 1, Sys.nanosleep, 0, 1),
    ], { multiPid: true });
    expect(lines).toEqual([
      "[pid 1] nanosleep(NULL, NULL <unfinished ...>",
      "[pid 2] getpid() = 2",
      "[pid 1] <... nanosleep resumed>) = 0",
    ]);
  });
});
