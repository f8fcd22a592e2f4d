// pids as Linux gives them: increasing, below pid_max, then wrapping to RESERVED_PIDS (300), not
// to 1, and skipping a pid still in use. The machine's pid_max is 310 here (Linux's
// /proc/sys/kernel/pid_max); a C guest (pid 1) forks children one after another, reaping each at
// once except pid 305, which stays alive until the end.
import { describe, it, expect } from "vitest";
import { readFileSync } from "node:fs";
import { boot } from "./helpers/machine";
import { cGuest, hasClang, NO_CLANG, TRANSLATE_TIMEOUT } from "./helpers/cguest";

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

describe.skipIf(!hasClang)(`pid allocation${hasClang ? "" : ` (${NO_CLANG})`}`, { timeout: TRANSLATE_TIMEOUT }, () => {
  it("wraps from pid_max to 300, skipping pids in use", async () => {
    const guest = new Uint8Array(readFileSync(await cGuest("tests/guests/c/pidwrap.c", { wasi: false })));
    const b = await boot({ pidMax: 310 });
    const pid = await b.m.spawn(guest, ["pidwrap", "330", "305"]);
    await b.m.run();
    expect(pid).toBe(1);
    expect(b.stderr()).toBe("");
    const pids = b.stdout().trim().split("\n").map(Number);
    // first pass 2..309; then, again and again, 300..309 without 305 (held)
    const wrapped = [...range(300, 304), ...range(306, 309)];
    const want = [...range(2, 309), ...wrapped, ...wrapped, ...wrapped].slice(0, 330);
    expect(pids).toEqual(want);
    expect(b.m.exitOf(pid)).toEqual({ code: 0, signal: null, status: 0 });
  });

  it("refuses a pid_max Linux refuses", async () => {
    await expect(boot({ pidMax: 300 })).rejects.toThrow(RangeError);
    await expect(boot({ pidMax: 32769 })).rejects.toThrow(RangeError);
  });
});
