// `--stats FILE` writes every field the foundation issue names; `--trace=fault` shows the SIGSEGV
// fault of a store to the kernel half; the exit code is 128 + 11.
import { describe, it, expect } from "vitest";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { cli } from "./helpers/cli";

const FIELDS = ["exitCode", "signal", "syscalls", "syscallErrors", "modeSwitches", "processSwitches", "irqs",
  "pageFaults", "tlb", "cpuCopies", "cpuCopyBytes", "dmaCopies", "dmaCopyBytes", "pageCache", "frames",
  "virtualTimeNs", "bySyscall"];

describe("cli: --stats and --trace", () => {
  it("--stats writes every field, with per-syscall counters", () => {
    const dir = mkdtempSync(join(tmpdir(), "wasmos-stats-"));
    try {
      const file = join(dir, "s.json");
      const r = cli("run", "--stats", file, "dist/demos/hello.wasm");
      expect(r.status).toBe(0);
      const s = JSON.parse(readFileSync(file, "utf8"));
      for (const f of FIELDS) expect(s).toHaveProperty(f);
      expect(Object.keys(s.pageFaults).sort()).toEqual(["cow", "major", "minor", "segv", "sigbus"]);
      expect(Object.keys(s.tlb).sort()).toEqual(["flushes", "misses"]);
      expect(Object.keys(s.pageCache).sort()).toEqual(["dirtied", "evicted", "hits", "misses", "writtenBack"]);
      expect(Object.keys(s.frames).sort()).toEqual(["free", "total"]);
      expect(s.exitCode).toBe(0);
      expect(s.bySyscall.write).toMatchObject({ calls: 1, errors: 0, modeSwitches: 2, cpuCopies: 1, cpuCopyBytes: 13, dmaCopies: 0, dmaCopyBytes: 0 });
      const perCall = Object.values(s.bySyscall as Record<string, { modeSwitches: number }>).reduce((n, c) => n + c.modeSwitches, 0);
      expect(perCall).toBe(2 * s.syscalls);                  // two per syscall, attributed to it
      expect(s.modeSwitches).toBeGreaterThanOrEqual(perCall); // plus two per exception from user mode
    } finally { rmSync(dir, { recursive: true, force: true }); }
  });

  it("--trace=fault shows the SIGSEGV of a store to 0xc0000000; exit 139", () => {
    const r = cli("run", "--trace=fault,syscall", "dist/demos/fault.wasm");
    expect(r.status).toBe(139);
    expect(r.stderr).toMatch(/fault segv 0xc0000000 write/);
    expect(r.stderr).toMatch(/\+\+\+ killed by SIGSEGV/);
  });
});
