// The GNU tools as the oracle for the userland: the same command line run by the host's tool in a
// folder of input files, and by wasmos on a disk image made from that folder (with the standard
// programs), from the guest's "/". Interface: gnuFixture(files: a name ending in / is an empty
// directory, one ending in @ a symbolic link whose target is the value) -> { dir, img, cleanup },
// both(fx, argv, stdin?) -> { host, guest } (each { status, stdout, stderr }), hasTool(name);
// bothChanging(fx, argv, stdin?) -> { host, guest } for tools that change the tree: each side runs on
// a fresh copy, and each result has .tree, the tree afterwards ("PATH TYPE SIZE|->TARGET LINKS" lines;
// a file of up to SHOWN bytes adds its content, quoted).
import { spawnSync } from "node:child_process";
import { cpSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { FileStore } from "../../host/devices/blockstore";
import { WsFs } from "../../host/fs";
import { S_IFMT, S_IFDIR, S_IFLNK } from "../../kernel/abi/fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { cli, cliInput, type CliResult } from "./cli";

export interface Fixture { dir: string; img: string; cleanup: () => void }

export function gnuFixture(files: Record<string, string | Uint8Array>): Fixture {
  const base = mkdtempSync(join(tmpdir(), "wasmos-gnu-"));
  const dir = join(base, "root");
  mkdirSync(dir);
  for (const [name, data] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    if (name.endsWith("/")) mkdirSync(join(dir, name), { recursive: true });     // an empty directory
    else if (name.endsWith("@")) symlinkSync(String(data), join(dir, name.slice(0, -1)));
    else writeFileSync(join(dir, name), data);
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

export interface Changed extends CliResult { tree: string[] }

export function bothChanging(fx: Fixture, argv: string[], stdin = ""): { host: Changed; guest: Changed } {
  const base = mkdtempSync(join(tmpdir(), "wasmos-gnu-run-"));
  try {
    const copy: Fixture = { dir: join(base, "root"), img: join(base, "t.img"), cleanup: () => {} };
    cpSync(fx.dir, copy.dir, { recursive: true, verbatimSymlinks: true });
    cpSync(fx.img, copy.img);
    const { host, guest } = both(copy, argv, stdin);
    return { host: { ...host, tree: hostTree(copy.dir, "") }, guest: { ...guest, tree: imageTree(copy.img) } };
  } finally { rmSync(base, { recursive: true, force: true }); }
}

function hostTree(dir: string, rel: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(join(dir, rel)).sort()) {
    const p = rel ? `${rel}/${name}` : name;
    const st = lstatSync(join(dir, p));
    if (st.isSymbolicLink()) out.push(`${p} l ->${readlinkSync(join(dir, p))}`);
    else if (st.isDirectory()) out.push(`${p} d`, ...hostTree(dir, p));
    else out.push(fileLine(p, st.size, st.nlink, () => readFileSync(join(dir, p))));
  }
  return out;
}

const SHOWN = 256;

function fileLine(p: string, size: number, nlink: number, content: () => Uint8Array): string {
  return `${p} f ${size} ${nlink}` + (size <= SHOWN ? " " + JSON.stringify(Buffer.from(content()).toString("latin1")) : "");
}

const INSTALLED = ["bin", "usr"];   // what mkfs --programs adds at the image's root: /bin and /usr/demo

function imageTree(img: string): string[] {
  const store = FileStore.open(img, "r");
  try {
    const fs = WsFs.open(store);
    const walk = (rel: string): string[] => fs.list("/" + rel).filter((e) => !(rel === "" && INSTALLED.includes(e.name))).flatMap((e) => {
      const p = rel ? `${rel}/${e.name}` : e.name;
      if ((e.mode & S_IFMT) === S_IFLNK) return [`${p} l ->${fs.readlink("/" + p)}`];
      if ((e.mode & S_IFMT) === S_IFDIR) return [`${p} d`, ...walk(p)];
      return [fileLine(p, e.size, e.nlink, () => fs.readFile("/" + p))];
    });
    return walk("");
  } finally { store.close(); }
}
