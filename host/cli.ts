// The `wasmos` command line (commander). Each subcommand lives in host/cli/<name>.ts.
// Interface: `wasmos run <program> [args...]`, `wasmos build <guest.ts> -o out.wasm`, `wasmos demo`,
// image tools `wasmos mkfs|fsck|ls|cp`, the syscall fuzzer `wasmos fuzz`, the WASI conformance run
// `wasmos wasi-test`, coursework labs `wasmos lab list|start|grade` (docs/labs.md).
import { Command, CommanderError } from "commander";
import { WasmException } from "./guest";
import { EXIT_USAGE } from "./run";
import { registerRun } from "./cli/run";
import { registerBuild } from "./cli/build";
import { registerDemo } from "./cli/demo";
import { registerCompare } from "./cli/compare";
import { register as registerMkfs } from "./cli/mkfs";
import { register as registerFsck } from "./cli/fsck";
import { register as registerLs } from "./cli/ls";
import { register as registerCp } from "./cli/cp";
import { register as registerFuzz } from "./cli/fuzz";
import { register as registerWasiTest } from "./cli/wasitest";
import { register as registerLab } from "./cli/lab";

// A usage error (unknown option, missing argument) exits 2, as for other Unix tools; commander has
// printed the message. Subcommands inherit this setting.
const program = new Command().enablePositionalOptions().exitOverride();
program.name("wasmos").description("a small OS kernel in WebAssembly: run guests, trace every syscall, copy, DMA and fault")
  .version("0.1.0");
registerRun(program);
registerBuild(program);
registerDemo(program);
registerCompare(program);
registerMkfs(program);
registerFsck(program);
registerLs(program);
registerCp(program);
registerFuzz(program);
registerWasiTest(program);
registerLab(program);
// `wasmos run ... | head`: a closed stdout ends the command quietly, as for any Unix tool.
process.stdout.on("error", (e: NodeJS.ErrnoException) => { if (e.code === "EPIPE") process.exit(0); throw e; });
program.parseAsync(process.argv).catch((e: unknown) => {
  if (e instanceof CommanderError) process.exit(e.exitCode === 0 ? 0 : EXIT_USAGE);
  process.stderr.write(`wasmos: ${describeError(e)}\n`);
  process.exit(EXIT_USAGE);
});

// Whatever was thrown, a sentence: an Error's message (or its name), else what the value is.
function describeError(e: unknown): string {
  if (e instanceof Error) return e.message || e.name;
  if (e instanceof WasmException) return "an uncaught WebAssembly exception";
  return `an unexpected ${typeof e} was thrown: ${String(e)}`;
}
