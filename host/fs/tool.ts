// What the image command-line tools (host/cli/{mkfs,fsck,ls,cp}.ts) share: bad usage and missing
// files become errors the top-level handler prints as "wasmos: ..." with exit status 2; opening an
// image file; IMAGE:/path arguments; errno codes as words.
// Interface: strictUsage(cmd), openImage(cmd, path, writable) -> FileStore, imagePath(arg), toolError(what, e).
import { existsSync, statSync } from "node:fs";
import type { Command } from "commander";
import { FileStore } from "../devices/blockstore";
import { FsError, type FsErrno } from "./error";

export class UsageError extends Error {}

const ERRNO_TEXT: Record<FsErrno, string> = {
  ELOOP: "too many levels of symbolic links", ENOENT: "no such file or directory", EEXIST: "file exists", ENOTDIR: "not a directory",
  EISDIR: "is a directory", ENOTEMPTY: "directory not empty", ENOSPC: "no space left in the image",
  ENAMETOOLONG: "file name too long", EINVAL: "invalid argument", EFBIG: "file too large", EBUSY: "busy",
};

/** Make commander's usage errors (missing argument, unknown option) throw, so they exit 2 once. */
export function strictUsage(cmd: Command): Command {
  return cmd.configureOutput({ outputError: () => {} }).exitOverride((e) => {
    if (e.exitCode !== 0) throw new UsageError(`${cmd.name()}: ${e.message.replace(/^error: /, "").replace(/\s*\n\s*/g, " ")} (see wasmos ${cmd.name()} --help)`);
  });
}

/** Open an existing image file for command `cmd`, or say clearly why not. */
export function openImage(cmd: string, path: string, writable: boolean): FileStore {
  if (!existsSync(path)) throw new UsageError(`${cmd}: cannot open image '${path}': no such file`);
  if (!statSync(path).isFile()) throw new UsageError(`${cmd}: cannot open image '${path}': not a regular file`);
  return FileStore.open(path, writable ? "r+" : "r");
}

/** "IMAGE:/path" -> { image, path }; anything else -> null. */
export function imagePath(arg: string): { image: string; path: string } | null {
  const i = arg.indexOf(":/");
  return i > 0 ? { image: arg.slice(0, i), path: arg.slice(i + 1) } : null;
}

/** An error from the image library, worded for the command line. */
export function toolError(what: string, e: unknown): Error {
  if (e instanceof FsError) return new Error(`${what}: ${ERRNO_TEXT[e.code]}${e.code === "EINVAL" ? ` (${e.detail})` : ""}`);
  return e instanceof Error ? e : new Error(String(e));
}
