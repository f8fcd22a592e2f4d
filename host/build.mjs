// Build everything a fresh clone needs, skipping steps whose outputs are newer than their sources:
//   1. kernel/ -> dist/kernel.wasm (asconfig.json, release target)
//   2. guests/programs -> dist/guests/*.wasm, guests/demos -> dist/demos/*.wasm (guests/build.mjs;
//      outputs whose source is gone are deleted)
//   3. host/cli.ts, bench/bench.ts, host/fuzz/worker.ts, host/translate/worker.ts -> dist/cli.mjs,
//      dist/bench.mjs, dist/fuzzworker.mjs, dist/translateworker.mjs (esbuild)
//   4. the default disk image dist/rootfs.img: guests/rootfs + /bin tools + /usr/demo demos + /data samples
// Usage: node host/build.mjs [--quiet] [--force]
import { readdirSync, statSync, mkdirSync, existsSync, rmSync } from "node:fs";
import { join, dirname } from "node:path";
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
  const outs = ["dist/cli.mjs", "dist/rootfs.mjs", "dist/fuzzworker.mjs", "dist/translateworker.mjs"].map((p) => join(root, p));
  const src = Math.max(newest(join(root, "host"), [".ts"]), newest(join(root, "kernel/abi"), [".ts"]),
    existsSync(join(root, "bench")) ? newest(join(root, "bench"), [".ts"]) : 0, newest(join(root, "labs"), [".ts"]));
  if (!outs.some((o) => stale(o, src))) return;
  log("build: host");
  const esbuild = await import("esbuild");
  rmSync(join(root, "dist/chunks"), { recursive: true, force: true });     // no chunk of an earlier build stays
  const entries = Object.fromEntries([["cli", "host/cli.ts"], ["bench", "bench/bench.ts"], ["rootfs", "host/fs/rootfs.ts"],
    ["fuzzworker", "host/fuzz/worker.ts"], ["translateworker", "host/translate/worker.ts"]]
    .filter(([, src]) => existsSync(join(root, src))).map(([name, src]) => [name, join(root, src)]));
  // Code splitting keeps binaryen (the translator) out of the start-up path: it loads on a cache miss,
  // and each CLI subcommand in its own chunk (host/cli.ts loads the one named). commander is bundled
  // (one file instead of seven CommonJS ones; its require() of Node's modules through createRequire),
  // its child_process (for executable subcommands, which wasmos has none of) loaded only if used.
  await esbuild.build({
    entryPoints: entries, outdir: join(root, "dist"), bundle: true, splitting: true,
    platform: "node", format: "esm", target: "node20", external: EXTERNAL, outExtension: { ".js": ".mjs" },
    chunkNames: "chunks/[name]-[hash]", logLevel: "error", plugins: [lazyChildProcess],
    banner: { js: "#!/usr/bin/env node\nimport { createRequire as __wasmosRequire } from \"node:module\"; const require = __wasmosRequire(import.meta.url);" },
  });
}

// Packages loaded from node_modules at run time (large, or only ever loaded on demand); the rest is bundled.
const EXTERNAL = ["binaryen", "assemblyscript", "assemblyscript/*", "esbuild", "vitest"];

// commander's require("node:child_process"): a stand-in that loads the module on first use.
const lazyChildProcess = {
  name: "lazy-child-process",
  setup(b) {
    b.onResolve({ filter: /^(node:)?child_process$/ }, (a) => (a.importer.includes("commander") ? { path: "child_process", namespace: "lazy" } : undefined));
    b.onLoad({ filter: /.*/, namespace: "lazy" }, () => ({ loader: "js",
      contents: "let m; module.exports = new Proxy({}, { get: (_, k) => (m ??= require(\"node:child_process\"))[k] });" }));
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
