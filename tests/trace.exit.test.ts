import { describe, expect, it } from "vitest";
import { Sys } from "../kernel/abi/syscalls";
import { Ev } from "../kernel/abi/trace";
import { Sig } from "../kernel/abi/signals";
import { enter, runTrace } from "./helpers/trace";

describe("exit_group", () => {
  it("never returns: `= ?` then `+++ exited with N +++`", () => {
    const { lines, events } = runTrace([
      enter(1, Sys.exit_group, [7]),
      { seq: 2, kind: Ev.exit, cause: 1, a: [7 << 8] },
    ]);
    expect(lines).toEqual(["exit_group(7) = ?", "+++ exited with 7 +++"]);
    expect(events[0]).toMatchObject({ type: "syscall", ret: null });
    expect(events[1]).toMatchObject({ type: "exit", status: 7 << 8, code: 7 });
  });

  it("a process killed by a signal: `+++ killed by SIGKILL +++`", () => {
    const { lines, events } = runTrace([
      { seq: 1, kind: Ev.signal, pid: 2, sub: Sig.SIGKILL, a: [2] },
      { seq: 2, kind: Ev.exit, pid: 2, a: [Sig.SIGKILL] },
    ]);
    expect(lines).toEqual(["--- SIGKILL {si_signo=SIGKILL} ---", "+++ killed by SIGKILL +++"]);
    expect(events[1]).toMatchObject({ type: "exit", signal: Sig.SIGKILL });
    expect(events[1]).not.toHaveProperty("code");
  });
});
