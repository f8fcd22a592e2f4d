// Building the bench's C and Rust programs with the system's compilers (Debian's clang, lld and
// wasi-libc; Debian's rustc with its wasm32-wasi standard library), in a temporary directory.
// Without a compiler the caller gets null and the reason is printed, so the bench runs on. Builds
// are kept in node_modules/.cache/wasmos-bench/, keyed by the command and the sources' bytes (the
// Rust program takes tens of seconds to compile).
// Interface: buildC(label, sources, flags) -> bytes | null; buildRust(label, source, flags) -> bytes | null;
// RUSTC (Debian's rustc: the rustup one usually lacks the wasm32-wasi target).
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { projectRoot } from "../host/paths";

export const RUSTC = process.env.WASMOS_RUSTC ?? "/usr/bin/rustc";

/** Runs `cmd args... -o <tmp>/out.wasm` and returns the module, or null after printing why. */
function build(label: string, cmd: string, args: string[], sources: string[], hint: string): Uint8Array<ArrayBuffer> | null {
  const key = createHash("sha256").update(JSON.stringify([cmd, args]));
  for (const s of sources) key.update(readFileSync(s));
  const cacheDir = join(projectRoot(), "node_modules", ".cache", "wasmos-bench");
  const cached = join(cacheDir, `${key.digest("hex")}.wasm`);
  if (existsSync(cached)) return new Uint8Array(readFileSync(cached));
  const out = compile(label, cmd, args, hint);
  if (out) {
    mkdirSync(cacheDir, { recursive: true });
    writeFileSync(cached + ".tmp", out);
    renameSync(cached + ".tmp", cached);
  }
  return out;
}

function compile(label: string, cmd: string, args: string[], hint: string): Uint8Array<ArrayBuffer> | null {
  const dir = mkdtempSync(join(tmpdir(), "wasmos-bench-build-"));
  try {
    const file = join(dir, "out.wasm");
    const r = spawnSync(cmd, [...args, "-o", file], { encoding: "utf8", cwd: dir });
    if (r.error || r.status !== 0) {
      const why = r.error?.message ?? (r.stderr.trim().split("\n").find((l) => /error/.test(l)) ?? r.stderr.trim().split("\n")[0]);
      console.log(`  ${label} skipped: ${cmd} failed (${why}); ${hint}`);
      return null;
    }
    return new Uint8Array(readFileSync(file));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** bench/c/<sources> built for wasm32-wasi with clang. */
export function buildC(label: string, sources: string[], flags: string[]): Uint8Array<ArrayBuffer> | null {
  const files = sources.map((s) => join(projectRoot(), "bench/c", s));
  return build(label, "clang", ["--target=wasm32-wasi", "--sysroot=/usr", ...flags, "-Wl,--strip-all", ...files], files,
    "install Debian's clang lld wasi-libc libclang-rt-dev-wasm32");
}

/** bench/rust/<source> built for wasm32-wasi with Debian's rustc. */
export function buildRust(label: string, source: string, flags: string[]): Uint8Array<ArrayBuffer> | null {
  const file = join(projectRoot(), "bench/rust", source);
  return build(label, RUSTC, ["--target", "wasm32-wasi", ...flags, file], [file],
    "install Debian's rustc and libstd-rust-dev-wasm32 (or point WASMOS_RUSTC at a rustc with the wasm32-wasi target)");
}
