// The `wasmos` command line (commander). Each subcommand lives in host/cli/<name>.ts.
// Interface: `wasmos run <program> [args...]`, `wasmos build <guest.ts> -o out.wasm`, `wasmos demo`.
import { Command } from "commander";
import { registerRun } from "./cli/run";
import { registerBuild } from "./cli/build";
import { registerDemo } from "./cli/demo";

const program = new Command().enablePositionalOptions();
program.name("wasmos").description("a small OS kernel in WebAssembly: run guests, trace every syscall, copy, DMA and fault")
  .version("0.1.0");
registerRun(program);
registerBuild(program);
registerDemo(program);
program.parseAsync(process.argv).catch((e: Error) => {
  process.stderr.write(`wasmos: ${e.message}\n`);
  process.exit(2);
});
