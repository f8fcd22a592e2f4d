// `wasmos ls IMAGE [PATH]`: list a directory of a wsfs image (or one file) like `ls -l`:
// mode, links, size, name (a symbolic link: "name -> target"); entries sorted by name, "." and ".."
// left out.
import type { Command } from "commander";
import { S_IFMT, S_IFDIR, S_IFLNK } from "../../kernel/abi/fs";
import { WsFs, type Entry } from "../fs/files";
import { openImage, strictUsage, toolError } from "../fs/tool";

export function register(program: Command): void {
  strictUsage(program.command("ls").description("list a directory in a wsfs disk image")
    .argument("<image>", "image file")
    .argument("[path]", "directory or file in the image", "/"))
    .action((image: string, path: string) => {
      const store = openImage("ls", image, false);
      try {
        const fs = WsFs.open(store);
        let rows: (Entry & { target?: string })[];
        try {
          const dir = fs.stat(path).isDir;
          rows = dir ? fs.list(path) : [{ name: path, ...fs.stat(path) }];
          const full = (n: string) => (dir ? `${path.replace(/\/+$/, "")}/${n}` : n);
          rows = rows.map((e) => ((e.mode & S_IFMT) === S_IFLNK ? { ...e, target: fs.readlink(full(e.name)) } : e));
        }
        catch (e) { throw toolError(`ls: ${image}:${path}`, e); }
        process.stdout.write(formatLong(rows));
      } catch (e) { throw toolError(`ls: ${image}`, e); }
      finally { store.close(); }
    });
}

/** `ls -l` lines: "drwxr-xr-x 2 4096 name", the number columns right-aligned. */
export function formatLong(rows: (Entry & { target?: string })[]): string {
  const w = (f: (e: Entry) => number) => Math.max(0, ...rows.map((e) => String(f(e)).length));
  const wl = w((e) => e.nlink), ws = w((e) => e.size);
  return rows.map((e) => `${modeString(e.mode)} ${String(e.nlink).padStart(wl)} ${String(e.size).padStart(ws)} ${e.name}${e.target !== undefined ? ` -> ${e.target}` : ""}\n`).join("");
}

export function modeString(mode: number): string {
  const rwx = (bits: number) => (bits & 4 ? "r" : "-") + (bits & 2 ? "w" : "-") + (bits & 1 ? "x" : "-");
  const t = mode & S_IFMT;
  return (t === S_IFDIR ? "d" : t === S_IFLNK ? "l" : "-") + rwx(mode >> 6) + rwx(mode >> 3) + rwx(mode);
}

export const registerLs = register;
