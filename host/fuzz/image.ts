// What a fuzz program runs on: a small wsfs image (files, a directory tree, one runnable program for
// execve) made once per process, and the executor guest (guests/fuzz/executor.ts), compiled on first
// use to dist/fuzz/executor.wasm and rebuilt when its sources are newer.
// Interface: fuzzImage() -> bytes of the template image (copy before use); executorWasm() -> bytes.
import { existsSync, mkdirSync, readFileSync, renameSync, statSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { mkfs } from "../fs/mkfs";
import { distPath, projectRoot } from "../paths";

const IMAGE_BYTES = 4 << 20;
let image: Uint8Array | null = null;

const pattern = (n: number, seed: number) => Uint8Array.from({ length: n }, (_, i) => (seed + i * 7) & 0xff);

export function fuzzImage(): Uint8Array {
  if (image) return image;
  const hello = distPath("demos", "hello-wat.wasm");
  const files = [
    { path: "/f0", data: pattern(20000, 1) }, { path: "/f1", data: new Uint8Array(0) },
    { path: "/d0/f2", data: pattern(5000, 2) }, { path: "/d0/d1/g", data: pattern(100, 3) },
    ...(existsSync(hello) ? [{ path: "/hello", data: new Uint8Array(readFileSync(hello)), mode: 0o755 }] : []),
  ];
  image = mkfs(IMAGE_BYTES, { files }).bytes;
  return image;
}

const SOURCES = ["guests/fuzz/executor.ts", "host/fuzz/wire.ts", "guests/sdk/syscall.ts", "kernel/abi/syscalls.ts",
  "kernel/abi/layout.ts", "kernel/abi/mman.ts"];

export async function executorWasm(): Promise<Uint8Array> {
  const out = distPath("fuzz", "executor.wasm");
  const newest = Math.max(...SOURCES.map((s) => statSync(join(projectRoot(), s)).mtimeMs));
  if (!existsSync(out) || statSync(out).mtimeMs < newest) {
    mkdirSync(distPath("fuzz"), { recursive: true });
    const tmp = `${out}.${process.pid}.tmp`;
    const mod = await import(pathToFileURL(join(projectRoot(), "guests/build.mjs")).href);
    await mod.buildGuest(join(projectRoot(), SOURCES[0]), tmp);
    renameSync(tmp, out);
  }
  return new Uint8Array(readFileSync(out));
}
