// `wasmos mkfs IMAGE [--from DIR] [--programs] [--size SIZE]`: make a wsfs disk image file from a host
// directory, with the standard programs (the tools in /bin, the demos in /usr/demo) if asked. Default size: the content's blocks + 25% +
// 8 MiB, rounded up to 1 MiB. Prints one summary line.
import type { Command } from "commander";
import { existsSync, statSync } from "node:fs";
import { BLOCK_SIZE } from "../../kernel/abi/fs";
import { parseSize } from "../run";
import { mkfs, defaultImageBytes } from "../fs/mkfs";
import { standardPrograms } from "../fs/rootfs";
import { distPath } from "../paths";
import { Image } from "../fs/image";
import { strictUsage, toolError, UsageError } from "../fs/tool";

export function register(program: Command): void {
  strictUsage(program.command("mkfs").description("make a wsfs disk image from a host directory")
    .argument("<image>", "image file to write (replaced)")
    .option("--from <dir>", "host directory copied to the image's /")
    .option("--programs", "put the standard programs (those of the default image) in /bin and /usr/demo")
    .option("--size <size>", "image size, e.g. 64M (default: content + 25% + 8 MiB)"))
    .action((image: string, o: { from?: string; size?: string; programs?: boolean }) => {
      if (o.from !== undefined && !(existsSync(o.from) && statSync(o.from).isDirectory())) {
        throw new UsageError(`mkfs: --from ${o.from}: no such directory`);
      }
      const files = o.programs ? standardPrograms(distPath()) : [];
      const size = o.size !== undefined ? sizeArg(o.size) : defaultImageBytes(o.from, files);
      if (size % BLOCK_SIZE !== 0) throw new UsageError(`mkfs: size ${size} is not a multiple of ${BLOCK_SIZE}`);
      let store;
      try { store = mkfs(size, { from: o.from, files, keepTimes: true, warn: (m) => process.stderr.write(`wasmos: ${m}\n`) }); }
      catch (e) { throw toolError(`mkfs: ${image}`, e); }
      const img = Image.open(store);
      store.saveTo(image, img.usedBytes());
      const { nblocks, ninodes, freeBlocks, freeInodes } = img.sb;
      process.stdout.write(`${image}: ${size} bytes, ${nblocks - freeBlocks}/${nblocks} blocks, ` +
        `${ninodes - 1 - freeInodes}/${ninodes - 1} inodes used\n`);
    });
}

function sizeArg(s: string): number {
  try { return parseSize(s); } catch (e) { throw new UsageError(`mkfs: --size: ${(e as Error).message}`); }
}

export const registerMkfs = register;
