import { readFileSync } from "node:fs";
import { Machine, distPath } from "../host/index";
import { mkfs, dataBytes } from "../host/fs";
import { ms } from "./stats";
const g = (n: string) => readFileSync(distPath(`guests/${n}.wasm`));
const MiB = 1 << 20;
async function main() {
  const size = Number(process.argv[2] ?? 64) * MiB;
  const ram = Number(process.argv[3] ?? 256) * MiB;
  let t0 = ms();
  const disk = mkfs(size + 16 * MiB, { files: [{ path: "/f.bin", data: dataBytes(size) }] }).bytes;
  console.log("mkfs", ms() - t0);
  const out: string[] = [];
  t0 = ms();
  const m = await Machine.create({ ramBytes: ram, disk, net: null, stdin: null, stdout: (b) => out.push(Buffer.from(b).toString()), stderr: (b) => out.push(Buffer.from(b).toString()) });
  console.log("create", ms() - t0);
  for (let i = 0; i < 3; i++) {
    await m.spawn(g("readfile"), ["readfile", "/f.bin", "65536"]);
    t0 = ms(); await m.run(); const t = ms() - t0;
    console.log("readfile", t, (size / MiB) / (t / 1000), "MiB/s", out.join("").trim()); out.length = 0;
    console.log(JSON.stringify(m.stats().pageCache ?? {}));
  }
  for (let i = 0; i < 3; i++) { t0 = ms(); m.readGuestFile("/f.bin"); const t = ms() - t0; console.log("host read", t, t * 1e6 / (size / 4096), "ns/page"); }
}
await main();
