// The `wasmos` command's entry, dist/cli.mjs: it runs the command line (host/cli.ts, bundled by
// host/build.mjs as CommonJS into dist/cli-<hash>.cjs) through V8's code cache, so a command starts
// without parsing its JavaScript again (Node 20 caches no ES module's code; a vm.Script's it does).
// One cache file per bundle, subcommand, Node version, architecture and V8 flags, in <cache>/v8/
// (<cache>: $WASMOS_CACHE, else node_modules/.cache/wasmos, the translation cache's folder). A file
// is made at the exit of a run that had none (or whose cache V8 refused), written under a temporary
// name and renamed; one whose checksum or length does not match is ignored, as is a folder that
// cannot be written. The cache changes how fast the code starts, never what it does.
// Interface: none (an entry point); the bundle's name comes from the build (WASMOS_BUNDLE).
import { createRequire } from "node:module";
import { hash64, hashHex, hashedFile } from "./fasthash";

declare const WASMOS_BUNDLE: string;      // e.g. "cli-7QX2EZDA.cjs", beside this file (host/build.mjs)

const req = createRequire(import.meta.url);
const fs = req("node:fs") as typeof import("node:fs");
const path = req("node:path") as typeof import("node:path");
const vm = req("node:vm") as typeof import("node:vm");
const { fileURLToPath, pathToFileURL } = req("node:url") as typeof import("node:url");

const MAGIC = 0x38565357;                 // "WSV8": a cache file of this format
const STALE_MS = 24 * 3600 * 1000;        // another build's cache unchanged this long is removed
const HEADER = 16;                        // magic and payload length (u32 each), hash64 of the payload (u64)

// The subcommands, named as host/cli.ts names them: each gets a cache of the code it runs.
const COMMANDS = ["run", "build", "demo", "compare", "mkfs", "fsck", "ls", "cp", "fuzz", "wasi-test", "lab"];

const dist = path.dirname(fileURLToPath(import.meta.url));
const bundle = path.join(dist, WASMOS_BUNDLE);

function cacheFile(): string {
  const dir = process.env.WASMOS_CACHE || path.join(dist, "..", "node_modules", ".cache", "wasmos");
  const command = COMMANDS.includes(process.argv[2]) ? process.argv[2] : "other";
  const flags = process.execArgv.length ? `-${hashHex(Buffer.from(process.execArgv.join("\0")))}` : "";
  return path.join(dir, "v8", `${path.basename(bundle, ".cjs")}-${command}-${process.version}-${process.arch}${flags}.bin`);
}

/** The cached code in `file`, or undefined when there is none or it is damaged. */
function readCache(file: string): Buffer | undefined {
  const f = hashedFile(file, HEADER);
  if (!f) return undefined;
  const b = Buffer.from(f.bytes.buffer, f.bytes.byteOffset, f.bytes.length);
  if (b.readUInt32LE(0) !== MAGIC || b.readUInt32LE(4) !== b.length - HEADER) return undefined;   // (hashedFile: at least HEADER bytes)
  return b.readBigUInt64LE(8) === f.hash ? b.subarray(HEADER) : undefined;
}

function writeCache(file: string, data: Buffer): void {
  try {
    const head = Buffer.alloc(HEADER);
    head.writeUInt32LE(MAGIC, 0); head.writeUInt32LE(data.length, 4); head.writeBigUInt64LE(hash64(data), 8);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, Buffer.concat([head, data]));
    fs.renameSync(tmp, file);
    prune(path.dirname(file));
  } catch {
    // a read-only or full disk: the next run parses the bundle again
  }
}

// Removes the caches of other builds not written for a day (another checkout sharing the folder
// writes its own again, once).
function prune(dir: string): void {
  const mine = path.basename(bundle, ".cjs") + "-";
  for (const name of fs.readdirSync(dir)) {
    const p = path.join(dir, name);
    if (!name.startsWith(mine) && Date.now() - fs.statSync(p).mtimeMs > STALE_MS) fs.rmSync(p, { force: true });
  }
}

// The bundle's import(): a path relative to the bundle, or a package or Node module (resolved from
// this file, which is in the bundle's folder).
function importFromBundle(specifier: string): Promise<unknown> {
  return import(specifier.startsWith(".") ? pathToFileURL(path.join(dist, specifier)).href : specifier);
}

function main(): void {
  const source = fs.readFileSync(bundle, "latin1");     // the bundle is ASCII (esbuild's charset)
  const file = cacheFile();
  const cachedData = readCache(file);
  // The bundle is a function expression (host/build.mjs): CommonJS's wrapper and __wasmosImport.
  const script = new vm.Script(source, { filename: bundle, cachedData });
  if (!cachedData || script.cachedDataRejected) process.once("exit", () => writeCache(file, script.createCachedData()));
  const module = { exports: {} };
  script.runInThisContext()(module.exports, createRequire(bundle), module, bundle, dist, importFromBundle);
}

main();
