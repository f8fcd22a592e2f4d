// The default root file system image: guests/rootfs/ (README, /etc/motd), every built Unix tool
// (DIST/guests/<name>.wasm, from guests/programs) as /bin/<name>, every built demo and benchmark
// (DIST/demos/<name>.wasm, from guests/demos) as /usr/demo/<name>, and two test data files whose
// every byte is known from its offset.
// Interface: buildRootfs(outImage, distDir); standardPrograms(distDir) -> the /bin and /usr/demo files;
// PROGRAM_DIRS (dist folder -> image folder); dataByte(i), dataBytes(len); ROOTFS_BYTES.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { projectRoot } from "../paths";
import { mkfs, type MkfsFile } from "./mkfs";
import { Image } from "./image";

export const ROOTFS_BYTES = 64 << 20;
const PERIOD = 1 << 20;                 // dataByte(i + 2^20) === dataByte(i)

/** Byte i of /data/4k.bin and /data/big.bin. */
export function dataByte(i: number): number { return (i * 31 + (i >>> 12) * 7 + 1) & 0xff; }

/** The first len bytes of the data files: one period computed, the rest copied. */
export function dataBytes(len: number): Uint8Array {
  const out = new Uint8Array(len);
  const n = Math.min(len, PERIOD);
  for (let i = 0; i < n; i++) out[i] = dataByte(i);
  for (let done = n; done < len; done *= 2) out.copyWithin(done, 0, Math.min(done, len - done));
  return out;
}

/** Where the built programs of each dist folder go on an image. */
export const PROGRAM_DIRS: ReadonlyArray<{ dist: string; image: string }> = [
  { dist: "guests", image: "/bin" },          // the Unix tools (guests/programs)
  { dist: "demos", image: "/usr/demo" },      // demos and benchmarks (guests/demos)
];

/** distDir/guests/*.wasm as /bin/<name> and distDir/demos/*.wasm as /usr/demo/<name> (mode 0755). */
export function standardPrograms(distDir: string): MkfsFile[] {
  return PROGRAM_DIRS.flatMap(({ dist, image }) => {
    const dir = join(distDir, dist);
    if (!existsSync(dir)) return [];
    return readdirSync(dir).filter((f) => f.endsWith(".wasm")).sort()
      .map((f) => ({ path: `${image}/${f.slice(0, -".wasm".length)}`, data: readFileSync(join(dir, f)), mode: 0o755 }));
  });
}

/** Write the default image (64 MiB) to outImage, with the programs built in distDir. */
export function buildRootfs(outImage: string, distDir: string): void {
  const files = [...standardPrograms(distDir),
    { path: "/data/4k.bin", data: dataBytes(4096) },
    { path: "/data/big.bin", data: dataBytes(16 << 20) }];
  const store = mkfs(ROOTFS_BYTES, { from: join(projectRoot(), "guests", "rootfs"), files });
  store.saveTo(outImage, Image.open(store).usedBytes());
}
