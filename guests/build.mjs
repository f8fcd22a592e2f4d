// Guest build: compiles guest programs to wasm32 modules the kernel's loader can translate.
// AssemblyScript programs are compiled with the SDK (guests/sdk) by asc's programmatic API;
// hand-written .wat programs are assembled with binaryen.
//
// Interface:
//   buildGuest(src, out, { optimize = true, runtime = "stub" }) -> Promise<{ out, warnings }>
//       compile one program (.ts or .wat) to out; throws an Error carrying asc's diagnostics.
//       src may lie outside the repository (tests): it imports the SDK by a relative path.
//   buildGuests(outDir, { from = PROGRAMS, optimize = true, force = false }) -> Promise<Array<{ name, out, built }>>
//       every from/X.ts to outDir/X.wasm and X.wat to outDir/X-wat.wasm (hello.ts and hello.wat
//       both exist), skipping outputs newer than their inputs (the program, the files of its
//       folder from/X/ if it has one, the SDK, kernel/abi, this file); force rebuilds all (do so
//       when switching optimize). A .wasm in outDir that no source builds any more (a removed or
//       moved program) is deleted, so it cannot linger.
//   PROGRAMS, DEMOS: the two source folders, guests/programs (the Unix tools, installed in /bin)
//       and guests/demos (demos and benchmarks, installed in /usr/demo)
//   programName(file) -> the output name of a program file: "hello.wat" -> "hello-wat"
//   CLI: node guests/build.mjs OUTDIR [--demos] [--force] [--debug]   (--demos: build guests/demos)
//
// asc flags (GUEST_FLAGS below, plus --runtime, --use and -O3 or a debug build):
//   --runtime stub             bump allocator, no GC: small, and nothing runs behind the program's back
//   --importMemory             the loader replaces the memory by the kernel's anyway
//   --exportStart _start       top-level code runs only when the kernel calls _start, after it has
//                              mapped the data segments and the argument block
//   --use abort=<sdk>/abort/abortHandler   no env.abort import: aborts print and raise SIGABRT
//   --exportTable              keep the function table: a signal handler is an index into it
//                              (guests/sdk/signal.ts), which -O3 would otherwise renumber or drop
//   --disable simd             the translator rejects SIMD (AS 0.28 leaves it, threads and multi-memory
//                              off by default; sign-extension, mutable-globals, nontrapping-f2i and
//                              bulk-memory stay on)
// No asconfig.json is read: the one at the repository root is the kernel's.
// A program may keep its modules in a folder of its name (guests/programs/sh.ts imports ./sh/*.ts).
// RUNTIMES names the programs built with another runtime than the stub: the shell runs for a long
// time and allocates for every command it reads, so it needs a collector (incremental).
// Guest modules import only kernel.syscall and env.memory.

import asc from "assemblyscript/asc";
import binaryen from "binaryen";
import { mkdir, readFile, readdir, rm, stat, writeFile } from "node:fs/promises";
import { basename, dirname, extname, join, relative, resolve, sep } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const GUESTS = dirname(fileURLToPath(import.meta.url));
const ROOT = dirname(GUESTS);
const ABORT = join(GUESTS, "sdk", "abort");         // the module holding abortHandler
export const PROGRAMS = join(GUESTS, "programs");
export const DEMOS = join(GUESTS, "demos");
const INPUT_DIRS = [join(GUESTS, "sdk"), join(ROOT, "kernel", "abi")];
const INPUT_FILES = [fileURLToPath(import.meta.url)];
const RUNTIMES = { sh: "incremental" };
const GUEST_FLAGS = ["--importMemory", "--exportStart", "_start", "--exportTable", "--disable", "simd", "--noColors"];

// Features of .wat guests: what AssemblyScript emits by default, never SIMD, threads or multi-memory.
const WAT_FEATURES = binaryen.Features.MVP | binaryen.Features.MutableGlobals |
  binaryen.Features.NontrappingFPToInt | binaryen.Features.SignExt | binaryen.Features.BulkMemory;

/** Compile one guest program (.ts or .wat) to the wasm module out. */
export async function buildGuest(src, out, { optimize = true, runtime = "stub" } = {}) {
  await mkdir(dirname(resolve(out)), { recursive: true });
  if (extname(src) === ".wat") return assembleWat(src, out);
  return compileAs(src, out, { optimize, runtime });
}

/** Build every program in from (guests/programs by default) to outDir/<name>.wasm; delete stale outputs. */
export async function buildGuests(outDir, { from = PROGRAMS, optimize = true, force = false } = {}) {
  const sources = (await readdir(from)).filter((f) => /\.(ts|wat)$/.test(f)).sort();
  const shared = await newestMtime();
  const names = sources.map(programName);
  const clash = names.find((n, i) => names.indexOf(n) !== i);
  if (clash) throw new Error(`two programs build to ${clash}.wasm`);
  const results = [];
  for (const file of sources) {
    const src = join(from, file);
    const name = programName(file);
    const out = join(outDir, `${name}.wasm`);
    const inputs = Math.max(shared, (await stat(src)).mtimeMs, await newestIn(join(from, basename(file, extname(file)))));
    const built = force || !(await isNewer(out, inputs));
    if (built) await buildGuest(src, out, { optimize, runtime: RUNTIMES[name] ?? "stub" });
    results.push({ name, out, built });
  }
  await removeStale(outDir, names);
  return results;
}

/** Delete outDir's *.wasm files that are not among names (programs since removed or moved). */
async function removeStale(outDir, names) {
  let files;
  try { files = await readdir(outDir); } catch { return; }
  const keep = new Set(names.map((n) => `${n}.wasm`));
  for (const f of files) if (f.endsWith(".wasm") && !keep.has(f)) await rm(join(outDir, f), { force: true });
}

/** Output name of a program file: its base name, with "-wat" for hand-written WAT. */
export function programName(file) {
  const ext = extname(file);
  return basename(file, ext) + (ext === ".wat" ? "-wat" : "");
}

/** Run asc on one AssemblyScript program; throw with its diagnostics on failure. */
async function compileAs(src, out, { optimize, runtime }) {
  const baseDir = commonDir(ROOT, dirname(resolve(src)));   // module names are paths relative to it
  const abortName = relative(baseDir, ABORT).split(sep).join("/") + "/abortHandler";
  const args = [relative(baseDir, resolve(src)), "--baseDir", baseDir, "--outFile", resolve(out),
    ...GUEST_FLAGS, "--runtime", runtime, "--use", `abort=${abortName}`,
    ...(optimize ? ["-O3"] : ["--optimizeLevel", "0", "--debug"])];
  const stdout = asc.createMemoryStream();
  const stderr = asc.createMemoryStream();
  const { error } = await asc.main(args, { stdout, stderr, readFile: readSource });
  if (error) throw new Error(`asc failed on ${src}: ${error.message}\n${stderr.toString()}`);
  return { out, warnings: stderr.toString() };
}

/** asc's file reader, minus asconfig.json (asc would otherwise read the kernel's). */
async function readSource(name, dir) {
  if (basename(name) === "asconfig.json") return null;
  try {
    return await readFile(resolve(dir, name), "utf8");
  } catch {
    return null;
  }
}

/** The deepest directory containing both a and b. */
function commonDir(a, b) {
  const pa = a.split(sep), pb = b.split(sep);
  let i = 0;
  while (i < pa.length && i < pb.length && pa[i] === pb[i]) i++;
  return pa.slice(0, i).join(sep) || sep;
}

/** Assemble a .wat program with binaryen and validate it. */
async function assembleWat(src, out) {
  let mod;
  try {
    mod = binaryen.parseText(await readFile(src, "utf8"));
  } catch (e) {
    throw new Error(`binaryen cannot parse ${src}: ${e.message ?? e}`);
  }
  try {
    mod.setFeatures(WAT_FEATURES);
    if (!mod.validate()) throw new Error(`invalid wasm in ${src}`);
    await writeFile(out, mod.emitBinary());
  } finally {
    mod.dispose();
  }
  return { out, warnings: "" };
}

/** True if file exists and was modified after time t (ms). */
async function isNewer(file, t) {
  try {
    return (await stat(file)).mtimeMs > t;
  } catch {
    return false;
  }
}

/** Latest modification time of the inputs every program shares. */
async function newestMtime() {
  let t = 0;
  for (const dir of INPUT_DIRS) t = Math.max(t, await newestIn(dir));
  for (const f of INPUT_FILES) t = Math.max(t, (await stat(f)).mtimeMs);
  return t;
}

/** Latest modification time of the files under dir (0 if there is no such directory). */
async function newestIn(dir) {
  let t = 0;
  let entries;
  try {
    entries = await readdir(dir, { recursive: true, withFileTypes: true });
  } catch {
    return 0;
  }
  for (const e of entries) {
    if (e.isFile()) t = Math.max(t, (await stat(join(e.parentPath ?? e.path, e.name))).mtimeMs);
  }
  return t;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const outDir = process.argv.slice(2).find((a) => !a.startsWith("--"));
  if (!outDir) {
    console.error("usage: node guests/build.mjs OUTDIR [--demos] [--force] [--debug]");
    process.exit(2);
  }
  const force = process.argv.includes("--force");
  const optimize = !process.argv.includes("--debug");
  const from = process.argv.includes("--demos") ? DEMOS : PROGRAMS;
  try {
    for (const r of await buildGuests(outDir, { from, optimize, force })) {
      console.log(`${r.built ? "built  " : "current"} ${r.out}`);
    }
  } catch (e) {
    console.error(e.message);
    process.exit(1);
  }
}
