// `wasmos compare`: the founding documents' table, measured. Each method on a fresh machine sends
// the file to the discard service; the counts are of the transfer calls only.
import type { Command } from "commander";
import { compare, formatCompare } from "../compare";
import { parseSize } from "../run";

export function registerCompare(program: Command): void {
  program.command("compare").description("send one file to 10.0.2.2:9 with each I/O method and compare their costs")
    .option("--size <bytes>", "size of the file to send (a file made with known content)", "4096")
    .option("--file <path>", "send this file of the default image instead (e.g. /data/big.bin)")
    .option("--warm", "start with the file in the page cache")
    .option("--nic <features>", "override the NIC for every method: sg=on|off")
    .option("--json", "print the rows as JSON")
    .action(async (o: { size: string; file?: string; warm?: boolean; nic?: string; json?: boolean }) => {
      const sg = o.nic === undefined ? undefined : /sg=on/.test(o.nic) ? true : /sg=off/.test(o.nic) ? false : badNic(o.nic);
      const size = parseSize(o.size);
      const rows = await compare({ size, file: o.file, warm: o.warm, sg });
      if (o.json) process.stdout.write(JSON.stringify(rows.map(({ how, intact, ...r }) => r), null, 2) + "\n");
      else process.stdout.write(formatCompare(rows, `Sending ${o.file ?? size + " bytes"} to 10.0.2.2:9 (${o.warm ? "warm" : "cold"} page cache)`) + "\n");
    });
}

function badNic(s: string): never { throw new Error(`--nic ${s}: use sg=on or sg=off`); }
