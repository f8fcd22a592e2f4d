// `wasmos build <guest.ts> -o out.wasm`: compile an AssemblyScript guest with the guest SDK.
import type { Command } from "commander";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { projectRoot } from "../paths";

export function registerBuild(program: Command): void {
  program.command("build").description("compile an AssemblyScript guest program with the SDK")
    .argument("<source>", "guest source (.ts or .wat)")
    .requiredOption("-o, --output <file>", "output .wasm")
    .action(async (src: string, o: { output: string }) => {
      const mod = await import(pathToFileURL(join(projectRoot(), "guests/build.mjs")).href);
      await mod.buildGuest(src, o.output);
    });
}
