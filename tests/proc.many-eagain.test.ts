// fork when memory runs out: a C guest on a 16 MiB machine forks children that stay blocked until a
// fork fails. The failure is EAGAIN (the kernel keeps PROC_RESERVE frames for the processes already
// there, so nobody is OOM-killed), the machine lives on: the children are released and reaped, a
// later fork works again, and every frame is back afterwards.
import { describe, it, expect } from "vitest";
import { readFileSync } from "node:fs";
import { meminfo } from "../host/inspect";
import { boot } from "./helpers/machine";
import { cGuest, hasClang, NO_CLANG, TRANSLATE_TIMEOUT } from "./helpers/cguest";

describe.skipIf(!hasClang)(`fork until memory runs out${hasClang ? "" : ` (${NO_CLANG})`}`, { timeout: TRANSLATE_TIMEOUT }, () => {
  it("fails with EAGAIN, and the machine goes on", async () => {
    const guest = new Uint8Array(readFileSync(await cGuest("tests/guests/c/manyproc.c", { wasi: false })));
    const b = await boot({ ramBytes: 16 << 20 });
    const before = meminfo(b.m);
    const pid = await b.m.spawn(guest, ["manyproc", "100000", "-k"]);
    await b.m.run();
    expect(b.stderr()).toBe("");
    const out = b.stdout().split("\n");
    expect(out[0]).toBe("fork failed: Resource temporarily unavailable");
    const made = Number(/^forked (\d+)$/.exec(out[1])?.[1]);
    expect(made).toBeGreaterThan(64);              // more than the old fixed table held
    expect(made).toBeLessThan(100000);
    expect(out.slice(2)).toEqual([`reaped ${made}, exit codes sum 0 (written 0)`, "fork again: exit 42", ""]);
    expect(b.m.exitOf(pid)).toEqual({ code: 0, signal: null, status: 0 });
    const after = meminfo(b.m);
    expect(after.free).toBe(before.free);
    expect(after.byOwner).toEqual(before.byOwner);

    // and a second program on the same machine forks as well as the first did
    const again = await b.m.spawn(guest, ["manyproc", "10"]);
    await b.m.run();
    expect(b.m.exitOf(again)).toEqual({ code: 0, signal: null, status: 0 });
    expect(b.stdout()).toContain("forked 10\nreaped 10, exit codes sum 55 (written 55)\nfork again: exit 42\n");
  });
});
