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

declare const WASMOS_BUNDLE: string;      // e.g. "cli-7QX2EZDA.cjs", beside this file (host/build.mjs)

const req = createRequire(import.meta.url);
const fs = req("node:fs") as typeof import("node:fs");
const path = req("node:path") as typeof import("node:path");
const vm = req("node:vm") as typeof import("node:vm");
const { fileURLToPath } = req("node:url") as typeof import("node:url");

const MAGIC = 0x38565357;                 // "WSV8": a cache file of this format
const STALE_MS = 24 * 3600 * 1000;        // another build's cache unchanged this long is removed
const HEADER = 12;                        // magic, payload length, checksum: u32 each, little-endian

// The subcommands, named as host/cli.ts names them: each gets a cache of the code it runs.
const COMMANDS = ["run", "build", "demo", "compare", "mkfs", "fsck", "ls", "cp", "fuzz", "wasi-test", "lab"];

const dist = path.dirname(fileURLToPath(import.meta.url));
const bundle = path.join(dist, WASMOS_BUNDLE);

function cacheFile(): string {
  const dir = process.env.WASMOS_CACHE || path.join(dist, "..", "node_modules", ".cache", "wasmos");
  const command = COMMANDS.includes(process.argv[2]) ? process.argv[2] : "other";
  const flags = process.execArgv.length ? `-${hash(Buffer.from(process.execArgv.join("\0"))).toString(16)}` : "";
  return path.join(dir, "v8", `${path.basename(bundle, ".cjs")}-${command}-${process.version}-${process.arch}${flags}.bin`);
}

// sum(at, end): a 32-bit mix of the words of memory from `at` to `end` (bytes past the data are 0), in
// wasm because JavaScript run once, not yet compiled, takes milliseconds for what this does in a
// tenth of one. Its text:
//   (func (export "sum") (param $at i32) (param $end i32) (result i32) (local $h i32)
//     (local.set $h (i32.xor (i32.const 0x811c9dc5) (i32.sub (local.get $end) (local.get $at))))
//     (block $done (loop $next (br_if $done (i32.ge_u (local.get $at) (local.get $end)))
//       (local.set $h (i32.xor (i32.mul (i32.xor (local.get $h) (i32.load (local.get $at))) (i32.const 0x01000193))
//                              (i32.shr_u (local.get $h) (i32.const 15))))
//       (local.set $at (i32.add (local.get $at) (i32.const 4))) (br $next)))
//     (local.get $h))    with its memory imported as m.mem
const SUM_WASM = "AGFzbQEAAAABBwFgAn9/AX8CCgEBbQNtZW0CAAADAgEABwcBA3N1bQAACkMBQQEBf0HFu/KIeCABIABrcyECAkADQCAAIAFPDQEgAiAAKAIAc0GTg4AIbCACQQ92cyECIABBBGohAAwACwALIAIL";

/** A memory of at least `bytes` bytes (zeroed) and the checksum over a part of it. */
function summer(bytes: number): { mem: WebAssembly.Memory; sum: (at: number, end: number) => number } {
  const mem = new WebAssembly.Memory({ initial: Math.ceil((bytes + 4) / 65536) });
  const inst = new WebAssembly.Instance(new WebAssembly.Module(Buffer.from(SUM_WASM, "base64")), { m: { mem } });
  const sum = inst.exports.sum as (at: number, end: number) => number;
  return { mem, sum: (at, end) => sum(at, end) >>> 0 };
}

function hash(bytes: Uint8Array): number {
  const { mem, sum } = summer(bytes.length);
  new Uint8Array(mem.buffer).set(bytes);
  return sum(0, bytes.length);
}

/** The cached code in `file`, or undefined when there is none or it is damaged. */
function readCache(file: string): Uint8Array | undefined {
  let fd: number;
  try { fd = fs.openSync(file, "r"); } catch { return undefined; }
  try {
    const size = fs.fstatSync(fd).size;
    if (size < HEADER) return undefined;
    const { mem, sum } = summer(size);
    const b = new Uint8Array(mem.buffer, 0, size);
    if (fs.readSync(fd, b, 0, size, 0) !== size) return undefined;
    const v = new DataView(mem.buffer);
    if (v.getUint32(0, true) !== MAGIC || v.getUint32(4, true) !== size - HEADER || v.getUint32(8, true) !== sum(HEADER, size)) return undefined;
    return b.subarray(HEADER);
  } catch {
    return undefined;
  } finally {
    fs.closeSync(fd);
  }
}

function writeCache(file: string, data: Uint8Array): void {
  try {
    const { mem, sum } = summer(HEADER + data.length);
    const b = new Uint8Array(mem.buffer, 0, HEADER + data.length);
    b.set(data, HEADER);
    const v = new DataView(mem.buffer);
    v.setUint32(0, MAGIC, true); v.setUint32(4, data.length, true); v.setUint32(8, sum(HEADER, b.length), true);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, b);
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

function main(): void {
  const source = fs.readFileSync(bundle, "latin1");     // the bundle is ASCII (esbuild's charset)
  const file = cacheFile();
  const cachedData = readCache(file) as Buffer | undefined;
  const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, {
    filename: bundle, cachedData, importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
  });
  if (!cachedData || script.cachedDataRejected) process.once("exit", () => writeCache(file, script.createCachedData()));
  const module = { exports: {} };
  script.runInThisContext()(module.exports, createRequire(bundle), module, bundle, dist);
}

main();
