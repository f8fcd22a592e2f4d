// `wasmos compare`: the founding documents' table, measured. Each method on a fresh machine sends
// the file to the discard service; the counts are of the transfer calls only. `--sweep 4K..64M`
// repeats it over file sizes and prints CPU and elapsed time per method (host/sweep.ts). `--truncate`
// runs the mmap+write trap instead, without and with a file lease (host/truncate.ts).
import type { Command } from "commander";
import { mkdirSync } from "node:fs";
import { compare, formatCompare, type CompareOptions } from "../compare";
import { sweep, sweepSizes, formatSweep, sizeText } from "../sweep";
import { loadCostModel } from "../costmodel";
import { truncateScenario, formatTruncate } from "../truncate";
import { parseSize } from "../run";

interface Opts {
  size: string; file?: string; warm?: boolean; nic?: string; json?: boolean;
  costModel?: string; perfetto?: string; sweep?: string; sweepFactor: string; truncate?: boolean;
}

export function registerCompare(program: Command): void {
  program.command("compare").description("send one file to 10.0.2.2:9 with each I/O method and compare their costs")
    .option("--size <bytes>", "size of the file to send (a file made with known content)", "4096")
    .option("--file <path>", "send this file of the default image instead (e.g. /data/big.bin)")
    .option("--warm", "start with the file in the page cache")
    .option("--nic <features>", "override the NIC for every method: sg=on|off")
    .option("--json", "print the rows as JSON")
    .option("--cost-model <file>", "a JSON file of virtual-time costs (docs/cost-model.md)")
    .option("--perfetto <dir>", "write DIR/<method>.json: a Chrome/Perfetto trace of each method's run")
    .option("--sweep <low..high>", "repeat over file sizes, e.g. 4K..64M: CPU and elapsed time per method")
    .option("--sweep-factor <n>", "step between sweep sizes: 4 or 2", "4")
    .option("--truncate", "the mmap+write trap instead: the file truncated under the sender, without and with a file lease")
    .action(async (o: Opts) => {
      if (o.truncate) return runTruncate(o);
      const sg = o.nic === undefined ? undefined : /sg=on/.test(o.nic) ? true : /sg=off/.test(o.nic) ? false : badNic(o.nic);
      const base: CompareOptions = { warm: o.warm, sg, costModel: o.costModel === undefined ? undefined : loadCostModel(o.costModel) };
      if (o.perfetto) mkdirSync(o.perfetto, { recursive: true });
      if (o.sweep !== undefined) return runSweep(o, base);
      const size = parseSize(o.size);
      const rows = await compare({ ...base, size, file: o.file, perfettoDir: o.perfetto });
      if (o.json) process.stdout.write(JSON.stringify(rows.map(({ how, structs, intact, ...r }) => r), null, 2) + "\n");
      else process.stdout.write(formatCompare(rows, `Sending ${o.file ?? size + " bytes"} to 10.0.2.2:9 (${o.warm ? "warm" : "cold"} page cache)`) + "\n");
    });
}

async function runTruncate(o: Opts): Promise<void> {
  const rows = await truncateScenario();
  if (o.json) process.stdout.write(JSON.stringify(rows, null, 2) + "\n");
  else process.stdout.write(formatTruncate(rows) + "\n");
}

async function runSweep(o: Opts, base: CompareOptions): Promise<void> {
  if (o.file !== undefined) throw new Error("--sweep makes its own files: leave out --file");
  if (o.perfetto !== undefined) throw new Error("--sweep does not write traces: leave out --perfetto");
  const sizes = sweepSizes(o.sweep!, Number(o.sweepFactor));
  const rows = await sweep(sizes, base);
  if (o.json) {
    process.stdout.write(JSON.stringify(rows.map(({ size, rows: r }) => ({ size, methods: r.map(({ method, cpuTimeNs, virtualTimeNs }) =>
      ({ method, cpuTimeNs, virtualTimeNs })) })), null, 2) + "\n");
    return;
  }
  const span = `${sizeText(sizes[0])}..${sizeText(sizes[sizes.length - 1])}`;
  process.stdout.write(formatSweep(rows, `Sending ${span} to 10.0.2.2:9 with each method (${o.warm ? "warm" : "cold"} page cache)`) + "\n");
}

function badNic(s: string): never { throw new Error(`--nic ${s}: use sg=on or sg=off`); }
