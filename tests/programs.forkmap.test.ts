// Programs: forkmap. fork shares every mapped page; only the pages a child writes are copied (one
// cow_copy of 4096 bytes each), the parent's pages keep their bytes, and nothing is left behind.
import { describe, it, expect } from "vitest";
import { meminfo } from "../host/inspect";
import { TraceClass } from "../kernel/abi/trace";
import { run, distDemo } from "./helpers/machine";

/** Run forkmap MIB FORKS WRITE; its output, exit code, cow copies and the frames left in use. */
async function forkmap(mib: number, forks: number, write: number) {
  const r = await run(distDemo("forkmap"), ["forkmap", String(mib), String(forks), String(write)],
    { ramBytes: 32 << 20, traceMask: TraceClass.copy, keepEvents: true });
  const copies = r.machine.tracer!.events.filter((e) => e.type === "copy" && e.routine === "cow_copy");
  const info = meminfo(r.machine);
  return { ...r, copies: copies.length, copyBytes: copies.reduce((n, e) => n + (e.type === "copy" ? e.bytes : 0), 0),
    anon: info.byOwner.anon, pagetables: info.byOwner.pagetable };
}

describe("programs: forkmap", () => {
  it("copies no page when the children write none", async () => {
    const r = await forkmap(4, 3, 0);
    expect(r.stderr).toBe("");
    expect(r.stdout).toBe("mapped 1024 pages\nforked 3 times, each child wrote 0 pages\n");
    expect(r.exit.code).toBe(0);
    expect(r.copies).toBe(0);
    expect(r.anon).toBe(0);
  });

  it("copies exactly the pages each child writes", async () => {
    const r = await forkmap(4, 3, 5);
    expect(r.stdout).toBe("mapped 1024 pages\nforked 3 times, each child wrote 5 pages\n");
    expect(r.exit.code).toBe(0);
    expect(r.copies).toBe(15);
    expect(r.copyBytes).toBe(15 * 4096);
    expect(r.anon).toBe(0);
  });

  it("rejects bad usage with exit 2", async () => {
    for (const argv of [["forkmap"], ["forkmap", "0"], ["forkmap", "1", "1", "300"]]) {
      const r = await run(distDemo("forkmap"), argv);
      expect(r.exit.code).toBe(2);
      expect(r.stderr).toBe("usage: forkmap MIB [FORKS] [WRITE]\n");
    }
  });
});
