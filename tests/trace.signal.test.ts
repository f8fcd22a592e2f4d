import { describe, expect, it } from "vitest";
import { Ev, FaultKind } from "../kernel/abi/trace";
import { Sig } from "../kernel/abi/signals";
import { fault, runTrace } from "./helpers/trace";

describe("SIGSEGV", () => {
  it("names the address of the bad access that caused it", () => {
    const { lines, events } = runTrace([
      fault(1, 0, FaultKind.segv, 0xc0000000, true),
      { seq: 2, kind: Ev.signal, sub: Sig.SIGSEGV, a: [1] },
      { seq: 3, kind: Ev.exit, a: [Sig.SIGSEGV] },
    ]);
    expect(lines).toEqual([
      "--- fault segv 0xc0000000 write ---",
      "--- SIGSEGV {si_signo=SIGSEGV, si_addr=0xc0000000} ---",
      "+++ killed by SIGSEGV +++",
    ]);
    expect(events[1]).toMatchObject({ type: "signal", pid: 1, sig: 11, name: "SIGSEGV", addr: 0xc0000000 });
  });
});
