// The founding table in C: guests/c/examples/send.c sends /data/4k.bin to the discard service with
// each method, and `--stats` (plus the fault trace) counts exactly what the AssemblyScript
// /usr/demo/send counts for the same method: per transfer call, its calls, mode switches, CPU and DMA
// copies and bytes, and the page faults it caused. sendfile also shows the founding table's own
// figures: 2 switches, 2 DMA, 1 CPU copy without scatter-gather and 0 with it.
import { describe, it, expect, afterAll } from "vitest";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { cli } from "./helpers/cli";
import { cGuest, hasClang, NO_CLANG, TRANSLATE_TIMEOUT } from "./helpers/cguest";

const dir = mkdtempSync(join(tmpdir(), "wasmos-csend-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// The calls that move the data, as host/compare.ts counts them (without WASI: the Linux names).
const METHODS: [string, string, string[]][] = [
  ["read+write", "on", ["read", "write"]],
  ["mmap+write", "on", ["mmap", "write"]],
  ["sendfile", "off", ["sendfile"]],
  ["sendfile", "on", ["sendfile"]],
  ["splice", "on", ["splice"]],
  ["msg_zerocopy", "on", ["read", "sendto", "recvmsg"]],
  ["o_direct", "on", ["read", "write"]],
];

interface Counts { [call: string]: number[] }

/** Run prog with METHOD; the transfer calls' counters and the faults they caused. */
function measure(prog: string, method: string, sg: string, calls: string[], tag: string): { counts: Counts; faults: number; exit: number | null } {
  const stats = join(dir, `${tag}.json`), trace = join(dir, `${tag}.jsonl`);
  const r = cli("run", "--nic", `sg=${sg}`, "--stats", stats, "--trace", "syscall,fault", "--format", "jsonl", "--trace-file", trace,
    prog, method, "/data/4k.bin", "10.0.2.2:9");
  expect(r.stderr).toBe("");
  const s = JSON.parse(readFileSync(stats, "utf8"));
  const counts: Counts = {};
  for (const c of calls) {
    const b = s.bySyscall[c];
    if (b) counts[c] = [b.calls, b.modeSwitches, b.cpuCopies, b.cpuCopyBytes, b.dmaCopies, b.dmaCopyBytes];
  }
  const events = readFileSync(trace, "utf8").trim().split("\n").map((l) => JSON.parse(l));
  const causes = new Set<number>(events.filter((e) => e.type === "syscall" && calls.includes(e.name) && e.pid !== 0).map((e) => e.seq));
  let faults = 0;
  for (const e of events) if (e.type === "fault" && causes.has(e.cause)) { causes.add(e.seq); faults++; }
  return { counts, faults, exit: r.status };
}

describe.skipIf(!hasClang)(`C guests: send.c counts what send.ts counts${hasClang ? "" : ` (${NO_CLANG})`}`, { timeout: TRANSLATE_TIMEOUT }, () => {
  for (const [method, sg, calls] of METHODS) {
    it(`${method} (sg=${sg}), --no-wasi`, async () => {
      const c = measure(await cGuest("guests/c/examples/send.c", { wasi: false }), method, sg, calls, `c-${method}-${sg}`);
      const as = measure("/usr/demo/send", method, sg, calls, `as-${method}-${sg}`);
      expect(c.exit).toBe(0);
      expect(as.exit).toBe(0);
      expect(Object.keys(c.counts).sort()).toEqual([...calls].sort());
      expect(c.counts).toEqual(as.counts);
      expect(c.faults).toBe(as.faults);
      if (method === "sendfile") {
        const [n, switches, cpu, , dma] = c.counts.sendfile;
        expect([n, switches, cpu, dma]).toEqual([1, 2, sg === "on" ? 0 : 1, 2]);
      }
    });
  }
});
