import { describe, expect, it } from "vitest";
import { Sys } from "../kernel/abi/syscalls";
import { TraceClass } from "../kernel/abi/trace";
import { Tracer, decodeRecords, formatText } from "../host/trace";
import { FakeUser, enter, exit, writeRecords } from "./helpers/trace";

describe("input arguments", () => {
  it("are read from user memory at sysEnter, not at sysExit", () => {
    const user = new FakeUser().poke(1, 0x2000, "before");
    const t = new Tracer({ classes: TraceClass.all, readUser: user.readUser, keep: true });
    t.push(decodeRecords(writeRecords([enter(1, Sys.write, [1, 0x2000, 6])]), 0, 1));
    user.poke(1, 0x2000, "after!");
    t.push(decodeRecords(writeRecords([exit(2, 1, Sys.write, 6)]), 0, 1));
    expect(t.events.map((e) => formatText(e, { multiPid: false }))).toEqual(['write(1, "before", 6) = 6']);
  });
});
