// The `wasmos` command line (commander). Each subcommand lives in host/cli/<name>.ts.
// Interface: `wasmos run <program> [args...]`, `wasmos build <guest.ts> -o out.wasm`, `wasmos demo`,
// image tools `wasmos mkfs|fsck|ls|cp`, the syscall fuzzer `wasmos fuzz`, the WASI conformance run
// `wasmos wasi-test`, coursework labs `wasmos lab list|start|grade` (docs/labs.md).
// Start-up: only the subcommand named on the command line is loaded (`wasmos run` never loads the
// labs, the fuzzer or the comparison); without one (--help, a typo) every subcommand is, so the help
// lists them all and commander can suggest a name.
import { Command, CommanderError } from "commander";
import { EXIT_USAGE } from "./exitcodes";
import { WasmException } from "./guest";
import { onHostStream } from "./stdio";

type Register = (program: Command) => void;

// The subcommands, in the order the help lists them: name -> its module's register function.
const COMMANDS: [string, () => Promise<Register>][] = [
  ["run", async () => (await import("./cli/run")).registerRun],
  ["build", async () => (await import("./cli/build")).registerBuild],
  ["demo", async () => (await import("./cli/demo")).registerDemo],
  ["compare", async () => (await import("./cli/compare")).registerCompare],
  ["mkfs", async () => (await import("./cli/mkfs")).register],
  ["fsck", async () => (await import("./cli/fsck")).register],
  ["ls", async () => (await import("./cli/ls")).register],
  ["cp", async () => (await import("./cli/cp")).register],
  ["fuzz", async () => (await import("./cli/fuzz")).register],
  ["wasi-test", async () => (await import("./cli/wasitest")).register],
  ["lab", async () => (await import("./cli/lab")).register],
];

// The subcommands to register for these arguments: the one named first, else all of them.
async function commandsFor(argv: string[]): Promise<Register[]> {
  const named = COMMANDS.find(([name]) => name === argv[2]);
  return Promise.all((named ? [named] : COMMANDS).map(([, load]) => load()));
}

// A usage error (unknown option, missing argument) exits 2, as for other Unix tools; commander has
// printed the message. Subcommands inherit this setting.
async function main(): Promise<void> {
  const program = new Command().enablePositionalOptions().exitOverride();
  program.name("wasmos").description("a small OS kernel in WebAssembly: run guests, trace every syscall, copy, DMA and fault")
    .version("0.1.0");
  for (const register of await commandsFor(process.argv)) register(program);
  await program.parseAsync(process.argv);
}

// `wasmos run ... | head`: a closed stdout ends the command quietly, as for any Unix tool.
// (Node's stdout stream is made on first use: host/stdio.ts.)
onHostStream(1, (s) => s.on("error", (e: NodeJS.ErrnoException) => { if (e.code === "EPIPE") process.exit(0); throw e; }));
main().catch((e: unknown) => {
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

