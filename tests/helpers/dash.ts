// The shell and its oracle: a script run by wasmos's /bin/sh (`sh -c SCRIPT ARGS` on a fresh
// machine, in "/") and by the host's dash (invoked as "sh", in an empty temporary directory, PATH
// /usr/bin:/bin, no input). Interface: DASH (its path), wasmosSh(script, args), dashSh(script,
// args) -> { out, err, code } (code undefined when killed by a signal).
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { boot, distGuest } from "./machine";

export const DASH = "/usr/bin/dash";

export interface ShResult { out: string; err: string; code: number | undefined }

export async function wasmosSh(script: string, args: string[] = []): Promise<ShResult> {
  const b = await boot({ disk: undefined });
  const pid = await b.m.spawn(distGuest("sh"), ["sh", "-c", script, ...args]);
  await b.m.run();
  return { out: b.stdout(), err: b.stderr(), code: b.m.exitOf(pid)?.code ?? undefined };
}

export function dashSh(script: string, args: string[] = []): ShResult {
  const dir = mkdtempSync(join(tmpdir(), "wasmos-dash-"));
  try {
    const r = spawnSync(DASH, ["-c", script, ...args], { argv0: "sh", cwd: dir, encoding: "utf8",
      env: { PATH: "/usr/bin:/bin" }, input: "" });
    return { out: r.stdout, err: r.stderr, code: r.status ?? undefined };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
