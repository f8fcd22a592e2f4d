import { describe, expect, it } from "vitest";
import { Sys } from "../kernel/abi/syscalls";
import { FakeUser, enter, exit, runTrace } from "./helpers/trace";

describe("write", () => {
  it("shows the buffer with strace escapes, decoded at entry", () => {
    const user = new FakeUser().poke(1, 0x410, "hello\n");
    const { lines, events } = runTrace([enter(1, Sys.write, [1, 0x410, 6], 1, 100), exit(2, 1, Sys.write, 6, 1, 350)], { user });
    expect(lines).toEqual(['write(1, "hello\\n", 6) = 6']);
    expect(events[0]).toMatchObject({ type: "syscall", nr: Sys.write, name: "write", ret: 6n, durNs: 250, time: 100n });
  });

});
