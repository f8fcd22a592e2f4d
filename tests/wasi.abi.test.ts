// The WASI personality's tables (kernel/abi/wasi.ts, kernel/wasi.ts): every Linux errno the kernel
// can return has its WASI errno of the same name; the function table names every WASI function once,
// with a signature the translator checks imports against.
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Errno } from "../kernel/abi/errno";
import { Wasi, NWASI, WasiErrno, WASI_SIGNATURES, wasiErrnoOf, WASI_MAX_PARAMS } from "../kernel/abi/wasi";
import { NSYSCALL, WASI_BASE, Sys } from "../kernel/abi/syscalls";
import { projectRoot } from "../host/paths";
import { sysName, signatureOf } from "../host/trace/signatures";

const names = (e: object) => Object.keys(e).filter((k) => isNaN(Number(k)));
const SAME_MEANING: Record<string, string> = { E2BIG: "TOOBIG", EOPNOTSUPP: "NOTSUP", ESOCKTNOSUPPORT: "NOTSUP" };

describe("WASI numbers", () => {
  it("map every Linux errno to the WASI errno of the same name", () => {
    for (const n of names(Errno)) {
      const want = SAME_MEANING[n] ?? n.slice(1);
      expect(WasiErrno[wasiErrnoOf(Errno[n as keyof typeof Errno])], n).toBe(want);
    }
    expect(wasiErrnoOf(0)).toBe(WasiErrno.SUCCESS);
    expect(wasiErrnoOf(9999)).toBe(WasiErrno.IO);
  });

  it("give each of the 46 preview-1 functions a number, a signature and a statistics slot of its own", () => {
    expect(names(Wasi)).toHaveLength(NWASI);
    expect(WASI_SIGNATURES).toHaveLength(NWASI);
    for (const sig of WASI_SIGNATURES) expect(sig).toMatch(/^[iI]*>i?$/);
    expect(Math.max(...WASI_SIGNATURES.map((s) => s.indexOf(">")))).toBe(WASI_MAX_PARAMS);
    expect(WASI_BASE + NWASI).toBeLessThanOrEqual(NSYSCALL);
    expect(Math.max(...names(Sys).map((n) => Sys[n as keyof typeof Sys]))).toBeLessThan(WASI_BASE);
    for (const n of names(Wasi)) {
      const nr = WASI_BASE + Wasi[n as keyof typeof Wasi];
      expect(sysName(nr)).toBe(n);
      expect(signatureOf(nr).wasi).toBe(true);
    }
  });

  it("kernel/wasi.ts's table has one line per function, every name of Wasi and no other", () => {
    const src = readFileSync(join(projectRoot(), "kernel/wasi.ts"), "utf8");
    const entries = [...src.matchAll(/^\s*on\(Wasi\.(\w+),\s*(\w+)\);/gm)].map((m) => m[1]);
    expect(entries.slice().sort()).toEqual(names(Wasi).sort());
    expect(new Set(entries).size).toBe(entries.length);
  });
});
