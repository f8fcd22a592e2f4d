// Build everything a fresh clone needs, skipping steps whose outputs are newer than their sources:
//   1. kernel/ -> dist/kernel.wasm (asconfig.json, release target)
//   2. guests/programs -> dist/guests/*.wasm, guests/demos -> dist/demos/*.wasm (guests/build.mjs;
//      outputs whose source is gone are deleted)
//   3. bench/bench.ts, host/fuzz/worker.ts, host/translate/worker.ts, host/translate/translate.ts ->
//      dist/bench.mjs, dist/fuzzworker.mjs, dist/translateworker.mjs, dist/translate.mjs (esbuild, ES
//      modules sharing dist/chunks/); host/cli.ts -> dist/cli-<hash>.cjs, run by dist/cli.mjs and by
//      the bin dist/wasmos.cjs (both host/cliboot.ts) through V8's code cache
//   4. the default disk image dist/rootfs.img: guests/rootfs + /bin tools + /usr/demo demos + /data samples
// Usage: node host/build.mjs [--quiet] [--force]
import { readdirSync, statSync, mkdirSync, existsSync, rmSync, readFileSync, writeFileSync } from "node:fs";
import { join, dirname } from "node:path";
import { isBuiltin, createRequire } from "node:module";

const requireBuiltin = createRequire(import.meta.url);
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const quiet = process.argv.includes("--quiet");
const force = process.argv.includes("--force");
const log = (m) => { if (!quiet) console.error(m); };

function newest(dir, exts) {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) t = Math.max(t, newest(p, exts));
    else if (exts.some((x) => e.name.endsWith(x))) t = Math.max(t, statSync(p).mtimeMs);
  }
  return t;
}
const mtime = (p) => (existsSync(p) ? statSync(p).mtimeMs : 0);
const stale = (out, ...srcTimes) => force || mtime(out) < Math.max(...srcTimes);

async function buildKernel() {
  const out = join(root, "dist/kernel.wasm");
  if (!stale(out, newest(join(root, "kernel"), [".ts"]), mtime(join(root, "asconfig.json")))) return;
  log("build: kernel");
  const asc = (await import("assemblyscript/asc")).default;
  let errText = "";
  const { error } = await asc.main(["kernel/index.ts", "--config", "asconfig.json", "--target", "release"], {
    stdout: { write: () => true }, stderr: { write: (s) => { errText += s; return true; } },
  });
  if (error) throw new Error(`kernel build failed:\n${errText}`);
}

async function buildGuestPrograms() {
  const { buildGuests, PROGRAMS, DEMOS } = await import(join(root, "guests/build.mjs"));
  log("build: guests");
  await buildGuests(join(root, "dist/guests"), { from: PROGRAMS });
  await buildGuests(join(root, "dist/demos"), { from: DEMOS });
}

async function buildHost() {
  const outs = ["dist/cli.mjs", "dist/wasmos.cjs", "dist/rootfs.mjs", "dist/fuzzworker.mjs", "dist/translateworker.mjs"].map((p) => join(root, p));
  const src = Math.max(newest(join(root, "host"), [".ts"]), newest(join(root, "kernel/abi"), [".ts"]),
    existsSync(join(root, "bench")) ? newest(join(root, "bench"), [".ts"]) : 0, newest(join(root, "labs"), [".ts"]));
  if (!outs.some((o) => stale(o, src))) return;
  log("build: host");
  const esbuild = await import("esbuild");
  rmSync(join(root, "dist/chunks"), { recursive: true, force: true });     // no chunk of an earlier build stays
  for (const f of readdirSync(join(root, "dist"))) if (/^cli-.*\.cjs$/.test(f)) rmSync(join(root, "dist", f));
  const entries = Object.fromEntries([["bench", "bench/bench.ts"], ["rootfs", "host/fs/rootfs.ts"],
    ["fuzzworker", "host/fuzz/worker.ts"], ["translateworker", "host/translate/worker.ts"], ["translate", "host/translate/translate.ts"]]
    .filter(([, src]) => existsSync(join(root, src))).map(([name, src]) => [name, join(root, src)]));
  // Code splitting keeps binaryen (the translator) out of the start-up path: it loads on a cache miss.
  // commander's require() of Node's modules goes through createRequire; its child_process (for
  // executable subcommands, which wasmos has none of) loads only if used.
  await esbuild.build({
    entryPoints: entries, outdir: join(root, "dist"), bundle: true, splitting: true,
    platform: "node", format: "esm", target: "node20", external: EXTERNAL, outExtension: { ".js": ".mjs" },
    chunkNames: "chunks/[name]-[hash]", logLevel: "error", plugins: [lazyBuiltins((a) => a.importer.includes("commander"))],
    banner: { js: "#!/usr/bin/env node\nimport { createRequire as __wasmosRequire } from \"node:module\"; const require = __wasmosRequire(import.meta.url);" },
  });
  await buildCli(esbuild);
}

// The command line: host/cli.ts as one CommonJS file, dist/cli-<hash>.cjs, which dist/cli.mjs
// (host/cliboot.ts) compiles with V8's code cache. Node's modules other than those every run loads
// are required on first use (lazyBuiltins); the translator, which needs binaryen (an ES module with
// top-level await), stays an ES module: dist/translate.mjs, imported on first use.
async function buildCli(esbuild) {
  const r = await esbuild.build({
    entryPoints: { cli: join(root, "host/cli.ts") }, outdir: join(root, "dist"), entryNames: "[name]-[hash]", bundle: true,
    platform: "node", format: "cjs", target: "node20", external: EXTERNAL, outExtension: { ".js": ".cjs" }, charset: "ascii", minifyWhitespace: true,
    logLevel: "error", metafile: true, plugins: [lazyBuiltins((a) => !EAGER.has(a.path.replace(/^node:/, ""))), translatorAsModule],
    define: { "import.meta.url": "__wasmosImportMetaUrl" },
    banner: { js: "var __wasmosImportMetaUrl = require(\"node:url\").pathToFileURL(__filename).href;" },
  });
  const bundle = Object.keys(r.metafile.outputs).map((o) => o.split("/").pop()).find((o) => o.endsWith(".cjs"));
  dynamicImportsThroughEntry(join(root, "dist", bundle));
  // The entry twice: dist/cli.mjs (`node dist/cli.mjs`, as the docs and tests run it) and the
  // package's bin, dist/wasmos.cjs, which spares Node's ES module loader (about 10 ms).
  for (const format of ["esm", "cjs"]) {
    await esbuild.build({
      entryPoints: [join(root, "host/cliboot.ts")], outfile: join(root, format === "esm" ? "dist/cli.mjs" : "dist/wasmos.cjs"),
      bundle: true, platform: "node", format, target: "node20", logLevel: "error",
      define: { WASMOS_BUNDLE: JSON.stringify(bundle), ...(format === "cjs" ? { "import.meta.url": "__wasmosImportMetaUrl" } : {}) },
      banner: { js: "#!/usr/bin/env node" + (format === "cjs" ? "\nvar __wasmosImportMetaUrl = require(\"node:url\").pathToFileURL(__filename).href;" : "") },
    });
  }
}

// Each `await import(x)` of the bundle becomes `await __wasmosImport(x)`, a function the entry passes
// in (host/cliboot.ts): a vm.Script's own import() needs Node 20's experimental loader option, which
// prints a warning on stderr. The build fails if any other import( is left. The bundle is written
// as the function expression the entry compiles (CommonJS's wrapper and __wasmosImport), so the
// entry hands V8 the file's text as it is read: wrapping it at run time made a second copy of
// 400 KB (fresh pages cost about 10 us each on the VMs we measure on).
function dynamicImportsThroughEntry(file) {
  const text = readFileSync(file, "latin1").replace(/\bawait import\(/g, "await __wasmosImport(");
  if (/\bimport\(/.test(text)) throw new Error(`${file}: an import() the entry cannot see (not \`await import(\`)`);
  writeFileSync(file, `(function (exports, require, module, __filename, __dirname, __wasmosImport) {${text}\n})`, "latin1");
}

// Packages loaded from node_modules at run time (large, or only ever loaded on demand); the rest is bundled.
const EXTERNAL = ["binaryen", "assemblyscript", "assemblyscript/*", "esbuild", "vitest"];

// Node's modules that every run of the command line loads anyway (Node's own start-up, the loader).
const EAGER = new Set(["fs", "path", "url", "module", "vm", "buffer", "events", "util"]);

// require() of a Node module that `when` picks becomes a stand-in that loads the module on first
// use, so a run that never hashes, listens or starts a worker never loads crypto, net or
// worker_threads. esbuild reads a named import at its use (`mod.name`), but first copies the
// module's property names into a namespace object (__toESM): the stand-in knows them from this
// build (the same Node major version), so that copy loads nothing.
function lazyBuiltins(when) {
  return {
    name: "lazy-builtins",
    setup(b) {
      b.onResolve({ filter: /^(node:)?[a-z_/]+$/ }, (a) => {
        if (a.namespace === "lazy") return { path: a.path, external: true };     // the stand-in's own require()
        return isBuiltin(a.path) && a.kind !== "dynamic-import" && when(a) ? { path: a.path.replace(/^node:/, ""), namespace: "lazy" } : undefined;
      });
      b.onLoad({ filter: /.*/, namespace: "lazy" }, (a) => ({ loader: "js", contents: `let m;
const load = () => (m ??= require(${JSON.stringify("node:" + a.path)}));
const names = ${JSON.stringify(Object.keys(requireBuiltin("node:" + a.path)))};
const named = (k) => names.includes(k) ? { configurable: true, enumerable: true, writable: true, value: undefined } : undefined;
module.exports = new Proxy({}, {
  get: (_, k) => load()[k], has: (_, k) => k in load(), set: (_, k, v) => { load()[k] = v; return true; },
  ownKeys: () => (m ? Reflect.ownKeys(m) : names),
  getOwnPropertyDescriptor: (_, k) => { if (!m) return named(k); const d = Reflect.getOwnPropertyDescriptor(m, k); return d && { ...d, configurable: true }; },
});` }));
    },
  };
}

// host/translator.ts's and host/translate/bounded.ts's import() of the translator: dist/translate.mjs.
const translatorAsModule = {
  name: "translator-as-module",
  setup(b) {
    b.onResolve({ filter: /^\.\/translate(\/translate)?$/ }, (a) => {
      const file = join(a.resolveDir, a.path);
      return a.kind === "dynamic-import" && file === join(root, "host/translate/translate")
        ? { path: "./translate.mjs", external: true } : undefined;
    });
  },
};

async function buildImage() {
  const out = join(root, "dist/rootfs.img");
  const dirs = ["dist/guests", "dist/demos"].map((d) => join(root, d));
  const srcs = [...dirs.flatMap((d) => [newest(d, [".wasm"]), mtime(d)]), newest(join(root, "guests/rootfs"), [""]), mtime(join(root, "dist/rootfs.mjs"))];
  if (!stale(out, ...srcs)) return;
  log("build: rootfs.img");
  const { buildRootfs } = await import(join(root, "dist/rootfs.mjs"));
  buildRootfs(out, join(root, "dist"));
}

mkdirSync(join(root, "dist"), { recursive: true });
try {
  await buildKernel();
  await buildGuestPrograms();
  await buildHost();
  await buildImage();
} catch (e) {
  console.error(e.message ?? e);
  process.exit(1);
}
