// `wasmos demo` (what `npm start` runs): the zero-copy lab on the embedded default image, the
// one-page file and the 16 MiB file, each sent to the discard service with every method.
import type { Command } from "commander";
import { compare, formatCompare } from "../compare";

export function registerDemo(program: Command): void {
  program.command("demo").description("the zero-copy comparison on /data/4k.bin and /data/big.bin of the default image")
    .action(async () => {
      for (const file of ["/data/4k.bin", "/data/big.bin"]) {
        const rows = await compare({ file });
        process.stdout.write(formatCompare(rows, `\n${file} -> 10.0.2.2:9 (discard), cold page cache; counts of the transfer calls only`) + "\n");
      }
    });
}
