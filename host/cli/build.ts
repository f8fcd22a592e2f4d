// `wasmos build`: compile a guest program. One AssemblyScript (.ts) or WAT (.wat) source is built
// with the guest SDK (guests/build.mjs); C sources (.c, one or more) with clang for wasm32-wasi, the
// project's Linux-call headers and library (guests/c/build.mjs, docs/c.md); one Rust crate root
// (.rs) with rustc for wasm32-wasi (guests/rust/build.mjs).
import type { Command } from "commander";
import { extname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { projectRoot } from "../paths";

interface Opts { output: string; opt: string; include: string[]; define: string[]; cflags: string[]; rustflags: string[]; wasi: boolean }

const collect = (v: string, prev: string[]): string[] => [...prev, v];

export function registerBuild(program: Command): void {
  program.command("build").description("compile a guest program: AssemblyScript with the SDK, or C with clang and wasi-libc")
    .argument("<sources...>", "one .ts, .wat or .rs source, or one or more .c sources")
    .requiredOption("-o, --output <file>", "output .wasm")
    .option("-O, --opt <level>", "C and Rust: optimization level, as clang's -O (0, 1, 2, 3, s, z, g)", "2")
    .option("-I, --include <dir>", "C: add a header directory (repeatable)", collect, [])
    .option("-D, --define <name[=value]>", "C: define a macro (repeatable)", collect, [])
    .option("--cflags <flags>", "C: more clang flags, separated by spaces (repeatable)", collect, [])
    .option("--rustflags <flags>", "Rust: more rustc flags, separated by spaces (repeatable)", collect, [])
    .option("--no-wasi", "C: link against kernel.syscall only (no wasi-libc startup; see docs/c.md)")
    .action(async (srcs: string[], o: Opts) => {
      const c = srcs.filter((s) => extname(s) === ".c");
      if (c.length === srcs.length) return buildC(c, o);
      if (srcs.length === 1 && extname(srcs[0]) === ".rs") return buildRust(srcs[0], o);
      if (c.length > 0 || srcs.length > 1) {
        process.stderr.write("wasmos build: give one .ts, .wat or .rs source, or only .c sources\n");
        process.exit(2);
      }
      const mod = await import(pathToFileURL(join(projectRoot(), "guests/build.mjs")).href);
      await mod.buildGuest(srcs[0], o.output);
    });
}

async function buildC(srcs: string[], o: Opts): Promise<void> {
  const mod = await import(pathToFileURL(join(projectRoot(), "guests/c/build.mjs")).href);
  try {
    await mod.buildC(srcs, o.output, { opt: o.opt, includes: o.include, defines: o.define,
      extra: o.cflags.flatMap((f) => f.split(/\s+/).filter(Boolean)), wasi: o.wasi });
  } catch (e) {
    if (!(e instanceof mod.CBuildError)) throw e;
    process.stderr.write((e as Error).message.trimEnd() + "\n");
    process.exit(1);
  }
}

async function buildRust(src: string, o: Opts): Promise<void> {
  const mod = await import(pathToFileURL(join(projectRoot(), "guests/rust/build.mjs")).href);
  try {
    await mod.buildRust(src, o.output, { opt: o.opt, extra: o.rustflags.flatMap((f) => f.split(/\s+/).filter(Boolean)) });
  } catch (e) {
    if (!(e instanceof mod.RustBuildError)) throw e;
    process.stderr.write((e as Error).message.trimEnd() + "\n");
    process.exit(1);
  }
}
