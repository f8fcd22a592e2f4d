// An on-disk cache of translations, keyed by a 64-bit hash of the input bytes seeded with one of
// TRANSLATOR_VERSION (host/fasthash.ts: no crypto to load at start-up). Each entry is <key>.wasm
// (the module), <key>.in (the input, compared on a hit, so two inputs with one key are a miss, not
// a wrong answer) and <key>.json (segments in base64, limits, hasStart).
// Interface: translateCached(bytes, cacheDir?) -> Translated & { cached }; cacheStore(bytes, t,
// cacheDir?) puts a translation made elsewhere (bench: a chosen effort) in; the directory defaults
// to $WASMOS_CACHE, else node_modules/.cache/wasmos/ in the project. A miss is translated by
// bounded.ts (a worker thread with a wall-time budget), so binaryen is loaded only on a miss.
import { readFileSync } from "node:fs";
import { mkdir, rename, writeFile } from "node:fs/promises";     // (a hit reads synchronously: fs/promises loads only on a miss)
import { join } from "node:path";
import * as layout from "../../kernel/abi/layout";
import { projectRoot } from "../paths";
import { hash64, hashHex } from "../fasthash";
import { translateBounded } from "./bounded";
import type { Translated } from "./types";

/** Bump the number whenever the translator's output changes; the TLB layout compiled into every
 *  output is part of it too, so a kernel layout change never meets a stale translation. */
export const TRANSLATOR_VERSION = `wasmos-translate-17 tlb=${[layout.TLB_BASE, layout.TLB_ENTRIES,
  layout.TLB_ENTRY_SIZE, layout.TLB_TAG_READ, layout.TLB_TAG_WRITE, layout.TLB_ADDEND, layout.PAGE_SHIFT].join(",")}`;

interface Meta {
  version: string;
  segments: { offset: number; data: string }[];
  initialPages: number;
  maxPages: number | null;
  hasStart: boolean;
  effort: Translated["effort"];
}

function defaultDir(): string {
  return process.env.WASMOS_CACHE || join(projectRoot(), "node_modules", ".cache", "wasmos");
}

let versionSeed: bigint | null = null;

function cacheKey(bytes: Uint8Array): string {
  versionSeed ??= hash64(Buffer.from(TRANSLATOR_VERSION));
  return hashHex(bytes, versionSeed);
}

let stores = 0;     // this process's writes: each temporary name is its own (pid and count)

function toMeta(t: Translated): Meta {
  const segments = t.segments.map((s) => ({ offset: s.offset, data: Buffer.from(s.data).toString("base64") }));
  return { version: TRANSLATOR_VERSION, segments, initialPages: t.initialPages, maxPages: t.maxPages, hasStart: t.hasStart, effort: t.effort };
}

function fromMeta(meta: Meta, wasm: Uint8Array<ArrayBuffer>): Translated {
  const segments = meta.segments.map((s) => ({ offset: s.offset, data: new Uint8Array(Buffer.from(s.data, "base64")) }));
  return { wasm, segments, initialPages: meta.initialPages, maxPages: meta.maxPages, hasStart: meta.hasStart, effort: meta.effort };
}

function load(base: string, bytes: Uint8Array): Translated | null {
  try {
    const meta = JSON.parse(readFileSync(`${base}.json`, "utf8")) as Meta;
    if (meta.version !== TRANSLATOR_VERSION || !readFileSync(`${base}.in`).equals(bytes)) return null;
    return fromMeta(meta, new Uint8Array(readFileSync(`${base}.wasm`)));
  } catch {
    return null;   // absent or unreadable: translate again
  }
}

/** Writes via a temporary name and rename, so a reader never sees half a file. The JSON goes last. */
async function store(base: string, bytes: Uint8Array, t: Translated): Promise<void> {
  const tmp = `.${process.pid}.${++stores}.tmp`;
  for (const [ext, data] of [[".in", bytes], [".wasm", t.wasm]] as const) {
    await writeFile(base + ext + tmp, data);
    await rename(base + ext + tmp, base + ext);
  }
  await writeFile(base + ".json" + tmp, JSON.stringify(toMeta(t)));
  await rename(base + ".json" + tmp, `${base}.json`);
}

export async function cacheStore(bytes: Uint8Array, t: Translated, cacheDir = defaultDir()): Promise<void> {
  await mkdir(cacheDir, { recursive: true });
  await store(join(cacheDir, cacheKey(bytes)), bytes, t);
}

export async function translateCached(bytes: Uint8Array, cacheDir = defaultDir()): Promise<Translated & { cached: boolean }> {
  const base = join(cacheDir, cacheKey(bytes));
  const hit = load(base, bytes);
  if (hit) return { ...hit, cached: true };
  const t = await translateBounded(bytes);
  try {
    await mkdir(cacheDir, { recursive: true });
    await store(base, bytes, t);
  } catch {
    // an unwritable cache only costs the next caller a translation
  }
  return { ...t, cached: false };
}
