// What a guest tool read from /proc: run a built tool (dist/guests) on a fresh machine with the
// syscall trace on, and keep the bytes each read() returned, so a test can hand the very same
// /proc text to the host's procps tool (bind-mounted over the host's /proc file in a private mount
// namespace). Interface: runReading(tool, argv, opts) -> { stdout, stderr, code, reads: string[] }
// (each read's data, in order); canBindMount() -> whether this host lets us (root, unshare);
// hostOnProc(files, argv) -> { status, stdout, stderr }, or null when it cannot mount.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { boot, distGuest, type BootOptions } from "./machine";
import { TraceClass } from "../../kernel/abi/trace";

export interface ToolRead { stdout: string; stderr: string; code: number; reads: string[] }

export async function runReading(tool: string, argv: string[], opts: BootOptions = {}): Promise<ToolRead> {
  const reads: string[] = [];
  const b = await boot({ ramBytes: 64 << 20, ...opts, traceMask: TraceClass.syscall, onEvent: (ev) => {
    if (ev.type !== "syscall" || ev.name !== "read" || ev.ret === null || ev.ret <= 0n) return;
    const data = b.m.readUser(ev.pid, Number(ev.args[1]), Number(ev.ret));
    if (data) reads.push(Buffer.from(data).toString("latin1"));
  } });
  const pid = await b.m.spawn(distGuest(tool), [tool, ...argv]);
  await b.m.run();
  return { stdout: b.stdout(), stderr: b.stderr(), code: b.m.exitOf(pid)?.code ?? -1, reads };
}

/** Whether a private mount namespace with a bind mount works here (root, util-linux unshare). */
export function canBindMount(): boolean {
  const dir = mkdtempSync(join(tmpdir(), "wasmos-proc-"));
  try {
    writeFileSync(join(dir, "f"), "");
    return spawnSync("unshare", ["-m", "mount", "--bind", join(dir, "f"), join(dir, "f")]).status === 0;
  } finally { rmSync(dir, { recursive: true, force: true }); }
}

/** The host's tool run with each of files ({"/proc/meminfo": text}) bind-mounted over its path. */
export function hostOnProc(files: Record<string, string>, argv: string[]): { status: number | null; stdout: string; stderr: string } | null {
  const dir = mkdtempSync(join(tmpdir(), "wasmos-proc-"));
  try {
    const mounts = Object.entries(files).map(([path, text], i) => {
      writeFileSync(join(dir, `f${i}`), text);
      return `mount --bind ${join(dir, `f${i}`)} ${path}`;
    });
    const probe = spawnSync("unshare", ["-m", "sh", "-c", mounts.join(" && ")]);
    if (probe.status !== 0) return null;
    const r = spawnSync("unshare", ["-m", "sh", "-c", `${mounts.join(" && ")} && exec "$@"`, "sh", ...argv],
      { encoding: "utf8", env: { LC_ALL: "C", PATH: process.env.PATH } });
    return { status: r.status, stdout: r.stdout, stderr: r.stderr };
  } finally { rmSync(dir, { recursive: true, force: true }); }
}
