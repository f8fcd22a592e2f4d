// Rust guests: guests/rust/hello.rs, a std program built for wasm32-wasi by `wasmos build`, runs
// unmodified on the WASI personality: its arguments, a file read with std::fs, println!, and an
// error from a missing file (WASI's ENOENT, which Rust prints as os error 44) with exit code 1.
// Skips with a message where no rustc has the wasm32-wasi standard library (.ci/toolchain installs it).
import { describe, it, expect, afterAll } from "vitest";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { cli } from "./helpers/cli";
import { TRANSLATE_TIMEOUT } from "./helpers/cguest";
import { projectRoot } from "../host/paths";
// @ts-expect-error: plain JavaScript without type declarations
import { checkRust } from "../guests/rust/build.mjs";

const hasRust = (() => { try { checkRust(); return true; } catch { return false; } })();
const NO_RUST = "skipped: no rustc with the wasm32-wasi std here (sudo apt-get install rustc libstd-rust-dev-wasm32)";
if (!hasRust) console.warn(`Rust guest tests ${NO_RUST}`);
const dir = mkdtempSync(join(tmpdir(), "wasmos-rust-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.skipIf(!hasRust)(`Rust guests${hasRust ? "" : ` (${NO_RUST})`}`, { timeout: TRANSLATE_TIMEOUT }, () => {
  it("hello.rs: build, then run with a file and a missing file", () => {
    const out = join(dir, "hello.wasm");
    const b = cli("build", "guests/rust/hello.rs", "-o", out);
    expect(b.stderr).toBe("");
    expect(b.status).toBe(0);
    const motd = readFileSync(join(projectRoot(), "guests/rootfs/etc/motd"), "utf8");
    const ok = cli("run", out, "/etc/motd");
    expect(ok.stderr).toBe("");
    expect(ok.stdout).toBe(`hello from Rust, 1 argument(s)\n/etc/motd: ${motd.length} bytes\n${motd}`);
    expect(ok.status).toBe(0);
    const bad = cli("run", out, "/no/such/file");
    expect(bad.stderr).toBe("hello: /no/such/file: No such file or directory (os error 44)\n");
    expect(bad.status).toBe(1);
  });
});
