import { describe, expect, it } from "vitest";
import { Ev } from "../kernel/abi/trace";
import { decodeRecords } from "../host/trace";
import { writeRecords } from "./helpers/trace";

describe("decodeRecords", () => {
  it("reads every field of the 80-byte layout, from a Uint8Array or a DataView at any base", () => {
    const recs = [
      { seq: 7, kind: Ev.sysExit, pid: 3, cause: 6, sub: 57, time: 123456789012n, a: [-9n, 1, 2, 3, 4, 5, 0x1_0000_0000n] },
      { seq: 8, kind: Ev.procSwitch, pid: 3, a: [3, 4] },
    ];
    const mem = writeRecords(recs, 160);
    for (const view of [mem, new DataView(mem.buffer)]) {
      const [a, b] = decodeRecords(view, 160, 2);
      expect(a).toEqual({ seq: 7, kind: Ev.sysExit, pid: 3, cause: 6, sub: 57, time: 123456789012n,
        a: [-9n, 1n, 2n, 3n, 4n, 5n, 0x1_0000_0000n] });
      expect(b.kind).toBe(Ev.procSwitch);
      expect(b.a.slice(0, 2)).toEqual([3n, 4n]);
    }
  });
});
