// Run the image tools (wasmos mkfs, fsck, ls, cp) as a real command line until host/cli.ts wires
// them in: host/cli/{mkfs,fsck,ls,cp}.ts are bundled once per test file behind the same top-level
// error handling as host/cli.ts, and run as a child process from the repository root.
// Interface: tool(...args) -> { status, stdout, stderr } (the shape of helpers/cli.ts's cli()).
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { join } from "node:path";
import { buildSync } from "esbuild";
import { projectRoot } from "../../host/paths";
import type { CliResult } from "./cli";

const ENTRY = `
import { Command } from "commander";
import { register as mkfs } from "./host/cli/mkfs";
import { register as fsck } from "./host/cli/fsck";
import { register as ls } from "./host/cli/ls";
import { register as cp } from "./host/cli/cp";
const program = new Command().enablePositionalOptions();
program.name("wasmos");
for (const r of [mkfs, fsck, ls, cp]) r(program);
program.parseAsync(process.argv).catch((e) => { process.stderr.write("wasmos: " + e.message + "\\n"); process.exit(2); });
`;

let bundle: string | null = null;

function build(): string {
  const root = projectRoot();
  mkdirSync(join(root, ".cache"), { recursive: true });
  const dir = mkdtempSync(join(root, ".cache", "tools-"));
  process.on("exit", () => rmSync(dir, { recursive: true, force: true }));
  const out = join(dir, "tools.mjs");
  buildSync({ stdin: { contents: ENTRY, resolveDir: root, loader: "ts" }, outfile: out, bundle: true,
    platform: "node", format: "esm", target: "node20", packages: "external", logLevel: "error" });
  return out;
}

export function tool(...args: string[]): CliResult {
  bundle ??= build();
  const r = spawnSync(process.execPath, [bundle, ...args], { cwd: projectRoot(), encoding: "utf8", input: "" });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}
