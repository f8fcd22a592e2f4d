// Rust guests: a Rust std program built for wasm32-wasi by a rustc that has the target's standard
// library (Debian: rustc and libstd-rust-dev-wasm32; rustup: `rustup target add wasm32-wasi`).
// The program runs on the WASI personality, unmodified (docs/c.md, "Rust guests").
//
// Interface:
//   buildRust(src, out, { opt = "2", extra = [] }) -> Promise<{ out }>   throws RustBuildError
//   checkRust() -> { rustc } | throws RustBuildError naming the packages to install
//
// rustc is looked for as $WASMOS_RUSTC, /usr/bin/rustc (Debian's, which a rustup rustc earlier in
// PATH may hide), then rustc; the first whose wasm32-wasi library directory holds libstd wins.
// Debug info is stripped: it is most of the module's bytes and the loader does not use it.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync } from "node:fs";
import { dirname, resolve } from "node:path";

export class RustBuildError extends Error {}

const PACKAGES = "rustc libstd-rust-dev-wasm32";

function run(cmd, args) {
  const r = spawnSync(cmd, args, { encoding: "utf8" });
  return r.error ? { status: -1, stdout: "", stderr: String(r.error.message) } : r;
}

function hasStd(rustc) {
  const r = run(rustc, ["--print", "target-libdir", "--target", "wasm32-wasi"]);
  const dir = r.status === 0 ? r.stdout.trim() : "";
  return dir !== "" && existsSync(dir) && readdirSync(dir).some((f) => /^libstd-.*\.rlib$/.test(f));
}

/** A rustc that can build std programs for wasm32-wasi. */
export function checkRust() {
  const rustc = [process.env.WASMOS_RUSTC, "/usr/bin/rustc", "rustc"].filter(Boolean).find(hasStd);
  if (!rustc) {
    throw new RustBuildError("wasmos build: no rustc with the wasm32-wasi standard library was found.\n" +
      `Rust guests need Debian's rustc and its wasm32 std:\n  sudo apt-get install ${PACKAGES}\n` +
      "(or, with rustup: rustup target add wasm32-wasi; WASMOS_RUSTC=path picks a rustc)");
  }
  return { rustc };
}

/** Compile one Rust source file (a crate root) into a guest module. */
export async function buildRust(src, out, { opt = "2", extra = [] } = {}) {
  const { rustc } = checkRust();
  if (!existsSync(src)) throw new RustBuildError(`wasmos build: ${src}: no such file`);
  if (!/^(0|1|2|3|s|z)$/.test(opt)) throw new RustBuildError(`wasmos build: -O${opt}: for Rust use -O0, -O1, -O2, -O3, -Os or -Oz`);
  mkdirSync(dirname(resolve(out)), { recursive: true });
  const r = run(rustc, ["--edition", "2021", "--target", "wasm32-wasi", "-C", `opt-level=${opt}`, "-C", "strip=debuginfo",
    ...extra, src, "-o", out]);
  if (r.status !== 0) throw new RustBuildError(`wasmos build: rustc failed:\n${r.stderr}`);
  if (r.stderr) process.stderr.write(r.stderr);
  return { out };
}
