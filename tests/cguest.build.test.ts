// `wasmos build` for C: the numbers C guests use are generated from kernel/abi (every one checked
// here against the TypeScript values), no committed C file defines an ABI name with a literal,
// the build options reach clang (-I, -D, -O, --cflags: they decide the test guest's exit code),
// and a missing toolchain or a compile error is a message naming the cause (exit 1), not a stack.
import { describe, it, expect, afterAll } from "vitest";
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { spawnSync } from "node:child_process";
import { cli } from "./helpers/cli";
import { hasClang, NO_CLANG, TRANSLATE_TIMEOUT } from "./helpers/cguest";
import { projectRoot } from "../host/paths";
import { Sys } from "../kernel/abi/syscalls";
import { Errno } from "../kernel/abi/errno";
import { Sig } from "../kernel/abi/signals";
import * as fcntl from "../kernel/abi/fcntl";
import * as mman from "../kernel/abi/mman";
import * as socket from "../kernel/abi/socket";
import * as wait from "../kernel/abi/wait";
import { ARG_BASE } from "../kernel/abi/layout";
// @ts-expect-error: plain JavaScript without type declarations
import { writeAbiHeaders } from "../guests/c/abi.mjs";

const dir = mkdtempSync(join(tmpdir(), "wasmos-cbuild-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const root = projectRoot();

function cFiles(d: string): string[] {
  return readdirSync(d).flatMap((n) => {
    const p = join(d, n);
    return statSync(p).isDirectory() ? cFiles(p) : /\.[ch]$/.test(n) ? [p] : [];
  });
}

describe("C guests: numbers from kernel/abi", () => {
  it("wasmos/abi.h gives every syscall, errno, signal and uapi flag kernel/abi's value", async () => {
    await writeAbiHeaders(join(dir, "inc"));
    const text = readFileSync(join(dir, "inc", "wasmos", "abi.h"), "utf8");
    const defs = new Map([...text.matchAll(/^#define __WASMOS_(\w+) \(?(-?(?:0x)?[0-9a-f]+)u?\)?$/gm)].map((m) => [m[1], Number(m[2])]));
    const want: [string, number][] = [
      ...Object.entries(Sys).filter(([, v]) => typeof v === "number").map(([k, v]) => [`SYS_${k}`, v as number] as [string, number]),
      ...[Errno, Sig].flatMap((e) => Object.entries(e).filter(([, v]) => typeof v === "number") as [string, number][]),
      ...[fcntl, mman, socket, wait].flatMap((m) => Object.entries(m).filter(([, v]) => typeof v === "number") as [string, number][]),
      ["ARG_BASE", ARG_BASE],
    ];
    expect(want.length).toBeGreaterThan(200);
    for (const [name, v] of want) expect(defs.get(name), name).toBe(v);
  });

  it("no committed C header or source defines an ABI name with a literal", () => {
    const names = new Set(Object.keys({ ...fcntl, ...mman, ...socket, ...wait }).concat(Object.keys(Sig), Object.keys(Errno)));
    const found: string[] = [];
    for (const f of [...cFiles(join(root, "guests", "c")), ...cFiles(join(root, "tests", "guests", "c"))]) {
      for (const m of readFileSync(f, "utf8").matchAll(/^\s*#\s*define\s+(\w+)\s+\(?\s*-?(?:0x)?[0-9a-fA-F]+[uUlL]*\s*\)?\s*$/gm)) {
        if (names.has(m[1]) || /^__NR_|^SYS_/.test(m[1])) found.push(`${f}: ${m[1]}`);
      }
    }
    expect(found).toEqual([]);
  });
});

describe("wasmos build: what goes wrong is said plainly", () => {
  it("no clang on PATH: exit 1, names the Debian packages", () => {
    const r = spawnSync(process.execPath, ["dist/cli.mjs", "build", "tests/guests/c/opts.c", "-o", join(dir, "x.wasm")],
      { cwd: root, encoding: "utf8", env: { ...process.env, PATH: join(dir, "empty"), WASMOS_CLANG: "" } });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/clang was not found/);
    expect(r.stderr).toContain("apt-get install clang lld wasi-libc libclang-rt-dev-wasm32");
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it("a clang without wasi-libc: exit 1, says wasi-libc is missing", () => {
    const bin = join(dir, "fakebin");
    const fake = join(bin, "clang");
    spawnSync("mkdir", ["-p", bin]);
    // Answers like a clang whose wasm32 linker exists but whose sysroot does not.
    writeFileSync(fake, `#!/bin/sh\ncase "$*" in\n  *--version*) echo "clang version 14";;\n  *-print-prog-name=wasm-ld*) echo ${process.execPath};;\n  *-print-file-name=*) echo libc.a;;\nesac\n`);
    chmodSync(fake, 0o755);
    const r = spawnSync(process.execPath, ["dist/cli.mjs", "build", "tests/guests/c/opts.c", "-o", join(dir, "x.wasm")],
      { cwd: root, encoding: "utf8", env: { ...process.env, PATH: `${bin}:${dirname(process.execPath)}`, WASMOS_CLANG: "" } });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/wasi-libc .* was not found/);
    expect(r.stderr).toContain("libclang-rt-dev-wasm32");
  });

  it("C and AssemblyScript sources together: exit 2", () => {
    const r = cli("build", "tests/guests/c/opts.c", "guests/demos/hello.ts", "-o", join(dir, "x.wasm"));
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/only \.c sources/);
  });
});

describe.skipIf(!hasClang)(`wasmos build: clang's options${hasClang ? "" : ` (${NO_CLANG})`}`, { timeout: TRANSLATE_TIMEOUT }, () => {
  it("-I, -D, --cflags and -O reach clang", () => {
    const out = join(dir, "opts.wasm");
    const b = cli("build", "tests/guests/c/opts.c", "-I", "tests/guests/c/opts", "-D", "VALUE=2", "--cflags", "-DEXTRA=1", "-O0", "-o", out);
    expect(b.stderr).toBe("");
    expect(b.status).toBe(0);
    expect(cli("run", out).status).toBe(40 + 2 + 1);
    expect(cli("build", "tests/guests/c/opts.c", "-Itests/guests/c/opts", "-O2", "-o", out).status).toBe(0);
    expect(cli("run", out).status).toBe(40 + 100);
  });

  it("a compile error: exit 1 with clang's diagnostic", () => {
    const src = join(dir, "bad.c");
    writeFileSync(src, "int main(void) { return undeclared_name; }\n");
    const r = cli("build", src, "-o", join(dir, "bad.wasm"));
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/clang failed/);
    expect(r.stderr).toMatch(/undeclared_name/);
  });
});
