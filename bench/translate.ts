// The translation section of `npm run bench`: translate() cold (binaryen warmed up) and
// translateCached() from a warm cache for shipped guests, then the shapes that used to hold the
// loader for minutes (shapes.ts: chains of tiny functions, one huge function) and, when Debian's
// clang and wasi-libc are installed, the bzip2-like C program bench/c/squash.c built two ways
// (-O2, and -O3 with unrolling and heavy inlining: about 100 KB with large functions). The C
// modules import wasi_snapshot_preview1, which the loader does not run yet: they are translated
// with the import check skipped. Seconds are printed, never asserted.
// Interface: translation(cacheDir, runs).
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { translate, translateCached } from "../host/index";
import { projectRoot } from "../host/paths";
import { chainModule, hugeFunctionModule } from "./shapes";
import { summarize, repeat, ms } from "./stats";
import { report } from "./report";

const C_TARGET_S = 3;          // issue 12: a 100 KB C module with large functions in <= 3 s
const CLANG_FLAGS: [string, string[]][] = [
  ["-O2", ["-O2"]],
  ["-O3 unrolled", ["-O3", "-funroll-loops", "-mllvm", "-inline-threshold=2000", "-mllvm", "-unroll-threshold=2000"]],
];

/** squash.c built with each of CLANG_FLAGS, or null (with the reason printed) without clang. */
function buildSquash(): [string, Uint8Array][] | null {
  const dir = mkdtempSync(join(tmpdir(), "wasmos-squash-"));
  try {
    const out: [string, Uint8Array][] = [];
    for (const [label, flags] of CLANG_FLAGS) {
      const file = join(dir, "squash.wasm");
      const r = spawnSync("clang", ["--target=wasm32-wasi", "--sysroot=/usr", ...flags, "-Wl,--strip-all", "-o", file,
        join(projectRoot(), "bench/c/squash.c")], { encoding: "utf8" });
      if (r.error || r.status !== 0) {
        console.log(`  C module skipped: clang failed (${r.error?.message ?? r.stderr.trim().split("\n")[0]}); ` +
          "install Debian's clang lld wasi-libc libclang-rt-dev-wasm32");
        return null;
      }
      out.push([label, new Uint8Array(readFileSync(file))]);
    }
    return out;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** One cold translation, timed, reported in seconds with the effort it got. */
async function once(what: string, bytes: Uint8Array, target?: number): Promise<void> {
  const t0 = ms();
  const t = await translate(bytes, { anyImports: true });
  const s = (ms() - t0) / 1000;
  const v = summarize([s]);
  report({ what: `translate ${what} (${bytes.length} B, ${t.effort})`, value: v, unit: "s",
    ...(target ? { target: `<= ${target} s`, met: s <= target } : {}) });
}

export async function translation(cacheDir: string, runs: number): Promise<void> {
  console.log("\ntranslation: translate() cold (binaryen warmed up), translateCached() from a warm cache");
  for (const name of ["hello", "sort"]) {
    const bytes = new Uint8Array(readFileSync(join(projectRoot(), `dist/guests/${name}.wasm`)));
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
  const squash = buildSquash();
  for (const [label, bytes] of squash ?? []) await once(`squash.c, clang ${label}`, bytes, C_TARGET_S);
}
