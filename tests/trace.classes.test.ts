import { describe, expect, it } from "vitest";
import { Sys } from "../kernel/abi/syscalls";
import { FaultKind, Place, Routine, TraceClass } from "../kernel/abi/trace";
import { copy, enter, exit, fault, runTrace } from "./helpers/trace";

describe("trace classes", () => {
  it("only the enabled classes are emitted", () => {
    const recs = [
      enter(1, Sys.getpid, []), copy(2, 1, Routine.copy_to_user, 1, 2, 3, Place.kernel, Place.user),
      exit(3, 1, Sys.getpid, 1), fault(4, 0, FaultKind.minor, 0x1000, false),
    ];
    expect(runTrace(recs, { classes: TraceClass.syscall }).lines).toEqual(["getpid() = 1"]);
    expect(runTrace(recs, { classes: TraceClass.fault | TraceClass.copy }).lines).toEqual([
      "--- copy cpu copy_to_user 3 B kernel 0x1 -> user 0x2 ---",
      "--- fault minor 0x1000 read ---",
    ]);
  });
});
