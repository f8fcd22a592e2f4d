// Run the built command line (dist/cli.mjs) as a child process, from the repository root.
// Interface: cli(...args) -> { status, stdout, stderr }; cliInput(stdin, ...args): the same with input.
import { spawnSync } from "node:child_process";
import { projectRoot } from "../../host/paths";

export interface CliResult { status: number | null; stdout: string; stderr: string }

export function cli(...args: string[]): CliResult { return cliInput("", ...args); }

export function cliInput(input: string, ...args: string[]): CliResult {
  const r = spawnSync(process.execPath, ["dist/cli.mjs", ...args], { cwd: projectRoot(), encoding: "utf8", input });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}
