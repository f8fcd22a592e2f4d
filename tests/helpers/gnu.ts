// The GNU tools as the oracle for the userland: the same command line run by the host's tool in a
// folder of input files, and by wasmos on a disk image made from that folder (with the standard
// programs), from the guest's "/". Interface: gnuFixture(files) -> { dir, img, cleanup },
// both(fx, argv, stdin?) -> { host, guest } (each { status, stdout, stderr }), hasTool(name).
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { cli, cliInput, type CliResult } from "./cli";

export interface Fixture { dir: string; img: string; cleanup: () => void }

export function gnuFixture(files: Record<string, string | Uint8Array>): Fixture {
  const base = mkdtempSync(join(tmpdir(), "wasmos-gnu-"));
  const dir = join(base, "root");
  for (const [name, data] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), data);
  }
  const img = join(base, "t.img");
  const r = cli("mkfs", img, "--from", dir, "--programs");
  if (r.status !== 0) throw new Error(`mkfs failed: ${r.stderr}`);
  return { dir, img, cleanup: () => rmSync(base, { recursive: true, force: true }) };
}

/** argv[0] is the tool's name: /bin/NAME in the guest, NAME on the host's PATH. */
export function both(fx: Fixture, argv: string[], stdin = ""): { host: CliResult; guest: CliResult } {
  const h = spawnSync(argv[0], argv.slice(1), { cwd: fx.dir, encoding: "utf8", input: stdin, env: { LC_ALL: "C", PATH: process.env.PATH } });
  const host = { status: h.status, stdout: h.stdout, stderr: h.stderr };
  const guest = cliInput(stdin, "run", "--disk", fx.img, `/bin/${argv[0]}`, ...argv.slice(1));
  return { host, guest };
}

export function hasTool(name: string): boolean {
  return spawnSync("sh", ["-c", `command -v ${name}`]).status === 0;
}
