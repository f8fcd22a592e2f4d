// The default root file system image: guests/rootfs/ (README, /etc/motd), every built guest
// program as /bin/<name>, and two test data files whose every byte is known from its offset.
// Interface: buildRootfs(outImage, binDir); standardPrograms(binDir) -> the /bin files;
// dataByte(i), dataBytes(len); ROOTFS_BYTES.
import { readdirSync, readFileSync } from "node:fs";
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

/** binDir's *.wasm as the files /bin/<name> of an image (mode 0755). */
export function standardPrograms(binDir: string): MkfsFile[] {
  return readdirSync(binDir).filter((f) => f.endsWith(".wasm")).sort()
    .map((f) => ({ path: `/bin/${f.slice(0, -".wasm".length)}`, data: readFileSync(join(binDir, f)), mode: 0o755 }));
}

/** Write the default image (64 MiB) to outImage, with /bin from binDir's *.wasm. */
export function buildRootfs(outImage: string, binDir: string): void {
  const files = [...standardPrograms(binDir),
    { path: "/data/4k.bin", data: dataBytes(4096) },
    { path: "/data/big.bin", data: dataBytes(16 << 20) }];
  const store = mkfs(ROOTFS_BYTES, { from: join(projectRoot(), "guests", "rootfs"), files });
  store.saveTo(outImage, Image.open(store).usedBytes());
}
