// A kernel other than the shipped dist/kernel.wasm: a student's kernel source tree, compiled with
// asc exactly as host/build.mjs compiles kernel/ (the package's asconfig.json, release target), or
// a kernel.wasm used as it is. Compiled kernels are cached by the hash of their sources (and of
// asc's version and asconfig.json) in the OS's temporary folder, so grading twice compiles once.
// A tree that does not compile gives KernelBuildError carrying the compiler's own message.
// Interface: loadKernel(path) -> WebAssembly.Module (a folder holding kernel/index.ts, a kernel
// folder holding index.ts, or a .wasm file); compileKernelTree(dir) -> bytes; KernelBuildError.
import { existsSync, readFileSync, readdirSync, statSync, mkdirSync, writeFileSync, renameSync } from "node:fs";
import { join, resolve, dirname, basename, relative, sep } from "node:path";
import { createHash } from "node:crypto";
import { tmpdir } from "node:os";
import { projectRoot } from "./paths";

export class KernelBuildError extends Error {}

// asc's option-to-flag conversion (exported by the package, missing from its typings).
interface AscExtras { configToArguments: (options: Record<string, unknown>) => string[] }

/** The kernel at `path`, ready to instantiate. */
export async function loadKernel(path: string): Promise<WebAssembly.Module> {
  const p = resolve(path);
  if (!existsSync(p)) throw new KernelBuildError(`${path}: no such file or folder`);
  const bytes = statSync(p).isDirectory() ? await compileKernelTree(p) : readFileSync(p);
  try { return new WebAssembly.Module(bytes as Uint8Array<ArrayBuffer>); }
  catch (e) { throw new KernelBuildError(`${path}: not a WebAssembly module (${(e as Error).message})`); }
}

// Where the tree's index.ts is: base is asc's base folder, rel the kernel folder's name under it.
function kernelRoot(dir: string): { base: string; rel: string } {
  if (existsSync(join(dir, "kernel", "index.ts"))) return { base: dir, rel: "kernel" };
  if (existsSync(join(dir, "index.ts"))) return { base: dirname(dir), rel: basename(dir) };
  throw new KernelBuildError(`${dir}: not a kernel source tree (no kernel/index.ts nor index.ts in it)`);
}

/** Compile the kernel source tree in `dir` (cached); throws KernelBuildError with asc's diagnostics. */
export async function compileKernelTree(dir: string): Promise<Uint8Array> {
  const { base, rel } = kernelRoot(dir);
  const config = readFileSync(join(projectRoot(), "asconfig.json"), "utf8");
  const asc = (await import("assemblyscript/asc")).default;
  const key = treeHash(join(base, rel), asc.version + config + rel);
  const cached = join(tmpdir(), "wasmos-kernels", `${key}.wasm`);
  if (existsSync(cached)) return readFileSync(cached);
  const args = [`${rel}/index.ts`, "--baseDir", base, "--outFile", "kernel.wasm", "--noColors", ...ascFlags(JSON.parse(config), rel, (asc as unknown as AscExtras).configToArguments)];
  let wasm: Uint8Array | null = null, errText = "";
  const { error } = await asc.main(args, {
    stdout: { write: () => true }, stderr: { write: (s: string | Uint8Array) => { errText += String(s); return true; } },
    writeFile: (name: string, contents: Uint8Array | string) => { if (name.endsWith(".wasm")) wasm = contents as Uint8Array; },
  } as Parameters<typeof asc.main>[1]);
  if (error || !wasm) throw new KernelBuildError(`${dir}: the kernel does not compile:\n${errText.trim() || String(error)}`);
  mkdirSync(dirname(cached), { recursive: true });
  writeFileSync(cached + ".tmp" + process.pid, wasm);
  renameSync(cached + ".tmp" + process.pid, cached);
  return wasm;
}

// asconfig.json's options and release target as asc flags, the outputs left out and `use` entries
// (abort=kernel/panic/abortHandler) pointing into this tree.
function ascFlags(cfg: { options: Record<string, unknown>; targets: { release: Record<string, unknown> } },
  rel: string, toArgs: (o: Record<string, unknown>) => string[]): string[] {
  const o: Record<string, unknown> = { ...cfg.options, ...cfg.targets.release };
  delete o.outFile; delete o.textFile;
  if (Array.isArray(o.use)) o.use = o.use.map((u: string) => u.replace(/=kernel\//, `=${rel}/`));
  return toArgs(o);
}

// A hash of every .ts file's path and contents under `root`, and `salt`.
function treeHash(root: string, salt: string): string {
  const h = createHash("sha256").update(salt);
  const walk = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith(".ts")) h.update(relative(root, p).split(sep).join("/")).update("\0").update(readFileSync(p)).update("\0");
    }
  };
  walk(root);
  return h.digest("hex").slice(0, 32);
}
