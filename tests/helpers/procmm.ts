// The procmm test guest (tests/guests/procmm.ts) as a file the CLI can run, and the parts of an
// `--inspect` section the /proc tests compare with. Interface: procmmPath() -> path of the .wasm;
// inspected(stderr) -> the last snapshot's mem counts and maps regions.
import { mkdtempSync, writeFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { testGuest } from "./machine";

let path: string | null = null;

export async function procmmPath(): Promise<string> {
  if (path && existsSync(path)) return path;
  const p = join(mkdtempSync(join(tmpdir(), "wasmos-procmm-")), "procmm.wasm");
  writeFileSync(p, await testGuest("procmm.ts"));
  return (path = p);
}

export interface Inspected { total: number; free: number; owners: Record<string, number>; regions: { start: number; end: number; prot: string; kind: string }[] }

/** The last `--inspect mem,maps` snapshot printed on stderr (either view may be missing). */
export function inspected(stderr: string): Inspected {
  const last = stderr.slice(stderr.lastIndexOf("--- inspect after"));
  const mem = /frames (\d+), free (\d+); in use: (.*)/.exec(last) ?? ["", "0", "0", ""];   // (no mem view: zeros)
  const owners: Record<string, number> = {};
  for (const kv of mem[3].split(", ").filter(Boolean)) { const [k, v] = kv.split(" "); owners[k] = Number(v); }
  const regions = [...last.matchAll(/0x([0-9a-f]{8})-0x([0-9a-f]{8}) (\S+) (\S+)/g)]
    .map((m) => ({ start: parseInt(m[1], 16), end: parseInt(m[2], 16), prot: m[3], kind: m[4] }));
  return { total: Number(mem[1]), free: Number(mem[2]), owners, regions };
}
