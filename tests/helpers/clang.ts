// Building C guests for the tests with Debian's clang and wasi-libc (clang --target=wasm32-wasi).
// Interface: hasClang() (false: the tests skip, saying why), buildC(sources, out, flags?) -> the .wasm
// path, CLANG_MISSING (the skip message).
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { projectRoot } from "../../host/paths";

export const CLANG_MISSING = "clang with wasi-libc is not installed (apt-get install clang lld wasi-libc libclang-rt-dev-wasm32): C guest tests skipped";

let found: boolean | null = null;

export function hasClang(): boolean {
  if (found === null) {
    const r = spawnSync("clang", ["--target=wasm32-wasi", "-print-file-name=libc.a"], { encoding: "utf8" });
    found = r.status === 0 && r.stdout.trim() !== "libc.a";
    if (!found) console.warn(CLANG_MISSING);
  }
  return found;
}

/** Compile `sources` (paths from the repository root) into `out`; throws with clang's message. */
export function buildC(sources: string[], out: string, flags: string[] = []): string {
  const r = spawnSync("clang", ["--target=wasm32-wasi", "-O2", ...flags, ...sources.map((s) => join(projectRoot(), s)), "-o", out],
    { encoding: "utf8" });
  if (r.status !== 0) throw new Error(`clang failed:\n${r.stderr}`);
  return out;
}
