// `wasmos cp SRC DST`: copy one file into or out of a wsfs image; exactly one side is IMAGE:/path.
// A DST that is a directory gets SRC's name; DST "-" (copying out) is standard output.
import type { Command } from "commander";
import { existsSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import { hostFileMode, WsFs } from "../fs/files";
import { imagePath, openImage, strictUsage, toolError, UsageError } from "../fs/tool";

export function register(program: Command): void {
  strictUsage(program.command("cp").description("copy a file into or out of a wsfs disk image (IMAGE:/path)")
    .argument("<src>", "host file or IMAGE:/path")
    .argument("<dst>", "host file or IMAGE:/path"))
    .action((src: string, dst: string) => {
      const from = imagePath(src), to = imagePath(dst);
      if (!from === !to) throw new UsageError("cp: exactly one of SRC and DST must be IMAGE:/path");
      if (to) copyIn(src, to.image, to.path);
      else copyOut(from!.image, from!.path, dst);
    });
}

function copyIn(src: string, image: string, path: string): void {
  if (!existsSync(src)) throw new UsageError(`cp: ${src}: no such file`);
  if (!statSync(src).isFile()) throw new UsageError(`cp: ${src}: not a regular file`);
  const data = readFileSync(src);
  const store = openImage("cp", image, true);
  try {
    const fs = WsFs.open(store, true);
    try {
      const target = isDirIn(fs, path) ? `${path.replace(/\/+$/, "")}/${basename(src)}` : path;
      fs.writeFile(target, data, hostFileMode(data, statSync(src).mode));
    } catch (e) { throw toolError(`cp: ${image}:${path}`, e); }
    finally { fs.sync(); }
  } catch (e) { throw toolError(`cp: ${image}`, e); }
  finally { store.close(); }
}

function copyOut(image: string, path: string, dst: string): void {
  const store = openImage("cp", image, false);
  let data: Uint8Array;
  try {
    try { data = WsFs.open(store).readFile(path); }
    catch (e) { throw toolError(`cp: ${image}:${path}`, e); }
  } catch (e) { throw toolError(`cp: ${image}`, e); }
  finally { store.close(); }
  if (dst === "-") { process.stdout.write(data); return; }
  const target = existsSync(dst) && statSync(dst).isDirectory() ? join(dst, basename(path)) : dst;
  writeFileSync(target, data);
}

function isDirIn(fs: WsFs, path: string): boolean {
  try { return fs.stat(path).isDir; } catch { return false; }
}

export const registerCp = register;

