// The translation section of `npm run bench`: translate() cold (binaryen warmed up) and
// translateCached() from a warm cache for shipped guests, then the shapes that used to hold the
// loader for minutes (shapes.ts: chains of tiny functions, one huge function) and, when Debian's
// clang and wasi-libc are installed, the bzip2-like C program bench/c/squash.c built two ways
// (-O2, and -O3 with unrolling and heavy inlining: about 100 KB with large functions), and, when
// Debian's rustc with the wasm32-wasi std is installed, the Rust std program bench/rust/std.rs
// built with -O as rustc leaves it (DWARF included: the file is several MB; the code size is
// printed too). These import wasi_snapshot_preview1: they are translated with the import check
// skipped. Seconds are printed, never asserted.
// Interface: translation(cacheDir, runs).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { buildC, buildRust } from "./cbuild";
import { translate, translateCached } from "../host/index";
import { projectRoot } from "../host/paths";
import { chainModule, hugeFunctionModule } from "./shapes";
import { summarize, repeat, ms } from "./stats";
import { report } from "./report";

const C_TARGET_S = 3;          // issue 12: a 100 KB C module with large functions in <= 3 s
const RUST_TARGET_S = 20;      // issue 12: a 2 MB Rust std module in <= 20 s
const CLANG_FLAGS: [string, string[]][] = [
  ["-O2", ["-O2"]],
  ["-O3 unrolled", ["-O3", "-funroll-loops", "-mllvm", "-inline-threshold=2000", "-mllvm", "-unroll-threshold=2000"]],
];

/** Bytes of the code section (id 10): what translation works on (a Rust file is mostly DWARF). */
function codeBytes(bytes: Uint8Array): number {
  let p = 8;
  const leb = () => { let r = 0, s = 0, x; do { x = bytes[p++]; r += (x & 0x7f) * 2 ** s; s += 7; } while (x & 0x80); return r; };
  while (p < bytes.length) {
    const id = bytes[p++], n = leb();
    if (id === 10) return n;
    p += n;
  }
  return 0;
}

const kb = (n: number) => n >= 1 << 20 ? `${(n / (1 << 20)).toFixed(1)} MB` : `${Math.round(n / 1024)} KB`;

/** One cold translation, timed (wall and this process's CPU time: the machine may be loaded),
 *  reported in seconds with the effort it got. */
async function once(what: string, bytes: Uint8Array, target?: number): Promise<void> {
  const c0 = process.cpuUsage();
  const t0 = ms();
  const t = await translate(bytes, { anyImports: true });
  const s = (ms() - t0) / 1000;
  const c = process.cpuUsage(c0);
  const cpu = (c.user + c.system) / 1e6;
  report({ what: `translate ${what} (${kb(bytes.length)}, code ${kb(codeBytes(bytes))}, ${t.effort})`, value: summarize([s]), unit: "s",
    ...(target ? { target: `<= ${target} s`, met: s <= target } : {}) });
  console.log(`    CPU time ${cpu.toFixed(2)} s, output ${kb(t.wasm.length)}`);
}

export async function translation(cacheDir: string, runs: number): Promise<void> {
  console.log("\ntranslation: translate() cold (binaryen warmed up), translateCached() from a warm cache");
  for (const name of ["hello", "sortbench"]) {
    const bytes = new Uint8Array(readFileSync(join(projectRoot(), `dist/demos/${name}.wasm`)));
    await translate(bytes);
    report({ what: `translate ${name}.wasm (${bytes.length} B)`, value: summarize(await repeat(Math.min(runs, 5), async () => {
      const t0 = ms(); await translate(bytes); return ms() - t0; })), unit: "ms" });
    await translateCached(bytes, cacheDir);
    report({ what: `translateCached ${name}.wasm (hit)`, value: summarize(await repeat(runs, async () => {
      const t0 = ms();
      const t = await translateCached(bytes, cacheDir);
      if (!t.cached) throw new Error(`translateCached ${name}: unexpected cache miss`);
      return ms() - t0;
    })), unit: "ms" });
  }
  console.log("\ntranslation of the slow shapes (one cold run each, seconds)");
  for (const n of [300, 2000, 5000]) await once(`a chain of ${n} tiny functions`, chainModule(n));
  await once("one function of ~35,000 expressions", hugeFunctionModule(40_000));   // limits.ts: at most 40,000
  for (const [label, flags] of CLANG_FLAGS) {
    const bytes = buildC(`squash.c ${label}`, ["squash.c"], flags);
    if (bytes) await once(`squash.c, clang ${label}`, bytes, C_TARGET_S);
  }
  const rust = buildRust("the Rust std module", "std.rs", ["-O"]);
  if (rust) await once("rust/std.rs, rustc -O", rust, RUST_TARGET_S);
}
