// `wasmos fsck IMAGE`: check a wsfs image without changing it. Exit 0 and a summary line when
// clean; exit 1 and one problem per line otherwise.
import type { Command } from "commander";
import { fsck } from "../fs/fsck";
import { openImage, strictUsage } from "../fs/tool";

export function register(program: Command): void {
  strictUsage(program.command("fsck").description("check a wsfs disk image")
    .argument("<image>", "image file"))
    .action((image: string) => {
      const store = openImage("fsck", image, false);
      try {
        const r = fsck(store);
        if (r.ok) {
          process.stdout.write(`${image}: clean, ${r.inodesUsed}/${r.ninodes - 1} inodes, ${r.blocksUsed}/${r.nblocks} blocks\n`);
        } else {
          process.stdout.write(r.problems.map((p) => `${p}\n`).join(""));
          process.exitCode = 1;
        }
      } finally { store.close(); }
    });
}

export const registerFsck = register;
