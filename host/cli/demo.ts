// `wasmos demo`: what `npm start` shows until the zero-copy lab exists: hello under the tracer.
import type { Command } from "commander";
import { distPath } from "../paths";
import { runProgram } from "../run";

export function registerDemo(program: Command): void {
  program.command("demo").description("run the hello guest with syscall and copy tracing and a summary")
    .action(async () => {
      process.exitCode = await runProgram(distPath("guests", "hello.wasm"), [], {
        ramBytes: 64 << 20, trace: 0x1f, format: "text", summary: true });
    });
}
