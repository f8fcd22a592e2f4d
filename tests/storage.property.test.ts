// Property: random sequences of create, pwrite, ftruncate, unlink, rename, mmap-store and fsync,
// run by a guest on a small machine (8 MiB, writes up to 2 MiB: so eviction and write-back really happen), leave a disk whose
// files equal a simple in-memory model, fsck clean, and no frame held once the processes are gone.
import { describe, it, expect } from "vitest";
import fc from "fast-check";
import { mkdtempSync, writeFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { mkfs, WsFs, fsck } from "../host/fs";
import { FileStore } from "../host/devices/blockstore";
import { meminfo } from "../host/inspect";
import { boot, testGuest } from "./helpers/machine";

type Op =
  | { k: "c"; f: number } | { k: "w"; f: number; off: number; len: number; seed: number }
  | { k: "t"; f: number; len: number } | { k: "u"; f: number } | { k: "r"; f: number; g: number }
  | { k: "m"; f: number; off: number; len: number; seed: number } | { k: "s"; f: number };

const NFILES = 4;
const name = (f: number) => `/f${f}`;
const pattern = (len: number, seed: number) => Uint8Array.from({ length: len }, (_, i) => (seed + i * 7) & 0xff);

const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 2, arbitrary: fc.record({ k: fc.constant("c" as const), f: fc.nat(NFILES - 1) }) },
  { weight: 4, arbitrary: fc.record({ k: fc.constant("w" as const), f: fc.nat(NFILES - 1), off: fc.nat(3 << 20), len: fc.integer({ min: 1, max: 2 << 20 }), seed: fc.nat(255) }) },
  fc.record({ k: fc.constant("t" as const), f: fc.nat(NFILES - 1), len: fc.nat(1 << 20) }),
  fc.record({ k: fc.constant("u" as const), f: fc.nat(NFILES - 1) }),
  fc.record({ k: fc.constant("r" as const), f: fc.nat(NFILES - 1), g: fc.nat(NFILES - 1) }),
  fc.record({ k: fc.constant("m" as const), f: fc.nat(NFILES - 1), off: fc.nat(1 << 20), len: fc.integer({ min: 1, max: 8192 }), seed: fc.nat(255) }),
  fc.record({ k: fc.constant("s" as const), f: fc.nat(NFILES - 1) }),
);

// Apply the ops that are valid in the model; return the script lines for them.
function model(ops: Op[], files: Map<string, Uint8Array>): string[] {
  const lines: string[] = [];
  const grow = (d: Uint8Array, n: number) => { if (n <= d.length) return d; const x = new Uint8Array(n); x.set(d); return x; };
  for (const op of ops) {
    const p = name(op.f), cur = files.get(p);
    switch (op.k) {
      case "c": files.set(p, new Uint8Array(0)); lines.push(`c ${p}`); break;
      case "w": if (!cur) break; { const d = grow(cur, op.off + op.len); d.set(pattern(op.len, op.seed), op.off); files.set(p, d); lines.push(`w ${p} ${op.off} ${op.len} ${op.seed}`); } break;
      case "t": if (!cur) break; { const d = new Uint8Array(op.len); d.set(cur.subarray(0, Math.min(op.len, cur.length))); files.set(p, d); lines.push(`t ${p} ${op.len}`); } break;
      case "u": if (!cur) break; files.delete(p); lines.push(`u ${p}`); break;
      case "r": { const q = name(op.g); if (!cur || q === p) break; files.set(q, cur); files.delete(p); lines.push(`r ${p} ${q}`); } break;
      case "m": if (!cur || op.off + op.len > cur.length) break; cur.set(pattern(op.len, op.seed), op.off); lines.push(`m ${p} ${op.off} ${op.len} ${op.seed}`); break;
      case "s": if (!cur) break; lines.push(`s ${p}`); break;
    }
  }
  return lines;
}

describe("storage property: the disk matches a model", () => {
  it("holds for random operation sequences under memory pressure", async () => {
    const guest = await testGuest("fsops.ts");
    const dir = mkdtempSync(join(tmpdir(), "wasmos-prop-"));
    let evicted = 0, writtenBack = 0;
    try {
      await fc.assert(fc.asyncProperty(fc.array(opArb, { minLength: 20, maxLength: 60 }), async (ops) => {
        const files = new Map<string, Uint8Array>();
        const start: Op[] = Array.from({ length: NFILES }, (_, f) => ({ k: "c" as const, f }));
        const lines = model([...start, ...ops], files);
        const image = join(dir, "disk.img");
        const store = mkfs(48 << 20, { files: [{ path: "/ops", data: new TextEncoder().encode(lines.join("\n") + "\n") }] });
        writeFileSync(image, store.bytes);
        const b = await boot({ ramBytes: 8 << 20, disk: image });
        const pid = await b.m.spawn(guest, ["fsops"]);
        await b.m.run();
        expect(b.stderr()).toBe("");
        expect(b.m.exitOf(pid)?.code).toBe(0);
        evicted += b.m.stats().pageCache.evicted;
        writtenBack += b.m.stats().pageCache.writtenBack;
        const mi = meminfo(b.m);
        expect(mi.byOwner.anon).toBe(0);
        expect(mi.byOwner.pagetable).toBe(0);
        b.m.dropCaches();
        expect(meminfo(b.m).byOwner.pagecache).toBe(0);       // everything was clean and released
        const disk = FileStore.open(image, "r");
        try {
          const check = fsck(disk);
          expect(check.problems).toEqual([]);
          const fs = WsFs.open(disk);
          for (let f = 0; f < NFILES; f++) {
            const want = files.get(name(f));
            const got = fs.list("/").some((e) => e.name === `f${f}`) ? fs.readFile(name(f)) : undefined;
            expect(got === undefined ? undefined : Buffer.from(got).equals(Buffer.from(want ?? []))).toBe(want === undefined ? undefined : true);
          }
        } finally { disk.close(); }
      }), { numRuns: 12, seed: 20261125 });
      expect(evicted).toBeGreaterThan(0);        // the RAM was small enough for eviction to happen
      expect(writtenBack).toBeGreaterThan(0);
    } finally { rmSync(dir, { recursive: true, force: true }); }
  }, 180_000);   // 12 runs of up to 60 operations on a 8 MiB machine: slow on a loaded host
});
