// C guests: compile C with Debian's clang, lld and wasi-libc (`clang --target=wasm32-wasi`), with the
// project's headers (guests/c/include, searched before wasi-libc's) and small C library
// (guests/c/lib) that give C programs the Linux calls WASI lacks through kernel.syscall.
//
// Interface:
//   buildC(sources, out, { opt = "2", includes = [], defines = [], extra = [], wasi = true, quiet })
//       -> Promise<{ out }>        compile and link; throws CBuildError (its message is what to show)
//   checkToolchain() -> { clang } | throws CBuildError naming the Debian packages to install
//   CBuildError                    an error with a user-facing message and no stack worth showing
//
// Steps: (1) kernel/abi -> BUILD/include/wasmos/abi.h and errno-map.h (guests/c/abi.mjs), the C
// numbers never committed; (2) the library -> BUILD/lib-wasi or BUILD/lib-nowasi objects, rebuilt
// when a source or kernel/abi changes; (3) clang compiles the program and links it with them.
// BUILD is dist/c in the repository. wasi = false (`--no-wasi`) links lib/nowasi instead of
// wasi-libc's startup: the program then imports kernel.syscall only.
// open/openat are wrapped (--wrap): with wasi, so O_DIRECT and O_CLOEXEC reach the kernel; without,
// they are the Linux openat (and wasi-libc's fopen, which opens by WASI's path_open, still links).
// fcntl is wrapped too: its descriptor-table commands go to the kernel (lib/fcntl.c); and lseek, so a
// directory's position moves as on Linux (lib/lseek.c); and nanosleep, so a signal interrupts it
// with EINTR (lib/sleep.c); and poll, Linux's over the kernel's ppoll (lib/poll.c, include/poll.h);
// and the stat family, Linux's newfstatat and fstat (lib/stat.c); and unlink, rmdir and unlinkat, for
// Linux's empty-path and flag checks (lib/unlink.c); with wasi, chdir and getcwd, so the working
// directory is the kernel's and wasi-libc's path string follows it (lib/cwd.c), and rename, for
// Linux's "." and ".." checks (lib/rename.c).
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, renameSync, statSync } from "node:fs";
import { basename, delimiter, dirname, isAbsolute, join, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { writeAbiHeaders } from "./abi.mjs";

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = dirname(dirname(HERE));
const BUILD = join(ROOT, "dist", "c");
const PACKAGES = "clang lld wasi-libc libclang-rt-dev-wasm32";
const LIB_FLAGS = ["-O2", "-Wall", "-Werror"];
const WASI_ONLY = ["open.c", "stat.c", "unlink.c", "mkdir.c", "cwd.c", "rename.c"];   // wrappers around wasi-libc's own calls

export class CBuildError extends Error {}

// clang runs `wasm-opt` after linking when one is on PATH; npm puts binaryen's in node_modules/.bin,
// and its optimization renumbers the function table, so C function pointers stored earlier (signal
// handlers: docs/signals.md) would name other functions. clang runs without those directories.
function toolPath() {
  return (process.env.PATH ?? "").split(delimiter).filter((d) => !d.split(sep).includes("node_modules")).join(delimiter);
}

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { encoding: "utf8", env: { ...process.env, PATH: toolPath() }, ...opts });
  if (r.error) return { status: -1, stdout: "", stderr: String(r.error.message) };
  return r;
}

function missing(what) {
  return new CBuildError(`wasmos build: ${what}.\nC guests need Debian's clang, lld, wasi-libc and compiler-rt for wasm32:\n` +
    `  sudo apt-get install ${PACKAGES}`);
}

/** Find clang and check it can build for wasm32-wasi: the linker, wasi-libc, compiler-rt. */
export function checkToolchain() {
  const clang = [process.env.WASMOS_CLANG, "clang", "clang-14", "clang-15", "clang-16"].filter(Boolean)
    .find((c) => run(c, ["--version"]).status === 0);
  if (!clang) throw missing("clang was not found");
  const ask = (flag) => run(clang, ["--target=wasm32-wasi", flag]).stdout.trim();
  const found = (p) => isAbsolute(p) && existsSync(p);
  if (!found(ask("-print-prog-name=wasm-ld"))) throw missing("wasm-ld (lld) was not found");
  if (!found(ask("-print-file-name=libc.a"))) throw missing("wasi-libc (libc.a for wasm32-wasi) was not found");
  if (!found(ask("-print-libgcc-file-name"))) throw missing("compiler-rt for wasm32 (libclang_rt.builtins-wasm32.a) was not found");
  return { clang };
}

function newest(dir) {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}
const mtime = (p) => (existsSync(p) ? statSync(p).mtimeMs : 0);

// The library's objects for one mode, compiled when missing or older than their inputs.
function libraryObjects(clang, wasi, includes) {
  const dirs = [join(HERE, "lib"), ...(wasi ? [] : [join(HERE, "lib", "nowasi")])];
  const srcs = dirs.flatMap((d) => readdirSync(d).filter((f) => f.endsWith(".c")).map((f) => join(d, f)))
    .filter((f) => wasi || !WASI_ONLY.includes(basename(f)));
  const objDir = join(BUILD, wasi ? "lib-wasi" : "lib-nowasi");
  mkdirSync(objDir, { recursive: true });
  const inputs = Math.max(newest(join(HERE, "lib")), newest(join(HERE, "include")), newest(join(ROOT, "kernel", "abi")), mtime(fileURLToPath(import.meta.url)));
  const objs = [];
  for (const src of srcs) {
    const obj = join(objDir, basename(dirname(src)) + "-" + basename(src, ".c") + ".o");
    if (mtime(obj) < Math.max(inputs, mtime(src))) {
      const tmp = `${obj}.${process.pid}.tmp`;       // then renamed: parallel builds never link half an object
      const r = run(clang, ["--target=wasm32-wasi", ...LIB_FLAGS, ...includes.flatMap((i) => ["-I", i]), "-c", src, "-o", tmp]);
      if (r.status !== 0) throw new CBuildError(`wasmos build: the C library did not compile (${src}):\n${r.stderr}`);
      renameSync(tmp, obj);
    }
    objs.push(obj);
  }
  return objs;
}

/** Compile C sources into one guest module. */
export async function buildC(sources, out, { opt = "2", includes = [], defines = [], extra = [], wasi = true } = {}) {
  const { clang } = checkToolchain();
  for (const s of sources) if (!existsSync(s)) throw new CBuildError(`wasmos build: ${s}: no such file`);
  if (!/^(0|1|2|3|s|z|g)$/.test(opt)) throw new CBuildError(`wasmos build: -O${opt}: use -O0, -O1, -O2, -O3, -Os, -Oz or -Og`);
  const gen = join(BUILD, "include");
  await writeAbiHeaders(gen);
  const inc = [join(HERE, "include"), gen];
  const objs = libraryObjects(clang, wasi, inc);
  mkdirSync(dirname(resolve(out)), { recursive: true });
  const args = ["--target=wasm32-wasi", `-O${opt}`, ...includes.flatMap((i) => ["-I", i]), ...inc.flatMap((i) => ["-I", i]),
    ...defines.map((d) => `-D${d}`), ...sources, ...objs, "-o", out, ...extra];
  args.push("-Wl,--wrap=open,--wrap=openat,--wrap=fcntl,--wrap=lseek,--wrap=__wasilibc_tell,--wrap=nanosleep,--wrap=poll" +
    ",--wrap=fstat,--wrap=fstatat,--wrap=__wasilibc_nocwd_fstatat,--wrap=unlink,--wrap=rmdir,--wrap=unlinkat" +
    ",--wrap=mkdir,--wrap=mkdirat");
  if (wasi) args.push("-Wl,--wrap=chdir,--wrap=getcwd,-u,__wasmos_cwd_init,--wrap=rename");
  else args.push("-nostartfiles");
  const r = run(clang, args);
  if (r.status !== 0) throw new CBuildError(`wasmos build: clang failed:\n${r.stderr}`);
  if (r.stderr) process.stderr.write(r.stderr);    // warnings
  return { out };
}
