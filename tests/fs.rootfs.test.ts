// The default image: guests/rootfs, /bin/<name> for every tool (DIST/guests/*.wasm), /usr/demo/<name>
// for every demo (DIST/demos/*.wasm), and the two data files whose bytes are dataByte(offset);
// fsck-clean, 64 MiB.
import { afterAll, expect, test } from "vitest";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildRootfs, dataByte, dataBytes, ROOTFS_BYTES } from "../host/fs/rootfs";
import { fsck } from "../host/fs/fsck";
import { WsFs } from "../host/fs/files";
import { FileStore } from "../host/devices/blockstore";
import { projectRoot } from "../host/paths";

const dir = mkdtempSync(join(tmpdir(), "wasmos-rootfs-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test("buildRootfs: tools in /bin, demos in /usr/demo, data files readable by offset, clean", () => {
  const dist = join(dir, "dist"), bin = join(dist, "guests"), demos = join(dist, "demos");
  mkdirSync(bin, { recursive: true });
  mkdirSync(demos);
  writeFileSync(join(bin, "ls.wasm"), "\0asm ls");
  writeFileSync(join(bin, "cat.wasm"), "\0asm cat");
  writeFileSync(join(bin, "notes.txt"), "not a program");
  writeFileSync(join(demos, "hello.wasm"), "\0asm hello");
  const out = join(dir, "root.img");
  buildRootfs(out, dist);

  expect(statSync(out).size).toBe(ROOTFS_BYTES);
  const store = FileStore.open(out, "r");
  expect(fsck(store)).toMatchObject({ ok: true, problems: [] });
  const fs = WsFs.open(store);
  expect(fs.list("/").map((e) => e.name)).toEqual(["README", "bin", "data", "etc", "usr"]);
  expect(fs.list("/bin").map((e) => [e.name, e.mode.toString(8)])).toEqual([["cat", "100755"], ["ls", "100755"]]);
  expect(fs.list("/usr").map((e) => e.name)).toEqual(["demo"]);
  expect(fs.list("/usr/demo").map((e) => [e.name, e.mode.toString(8)])).toEqual([["hello", "100755"]]);
  expect(Buffer.from(fs.readFile("/usr/demo/hello")).toString()).toBe("\0asm hello");
  expect(Buffer.compare(fs.readFile("/README"), readFileSync(join(projectRoot(), "guests/rootfs/README")))).toBe(0);
  expect(Buffer.from(fs.readFile("/etc/motd")).toString()).toMatch(/^Welcome to wasmos/);

  const small = fs.readFile("/data/4k.bin"), big = fs.readFile("/data/big.bin");
  expect(small.length).toBe(4096);
  expect(big.length).toBe(16 << 20);
  const offsets = [0, 1, 255, 4095, 4096, 4097, 1 << 20, (1 << 20) + 4096 * 3 + 17, (16 << 20) - 1];
  expect(offsets.filter((i) => i < 4096).map((i) => small[i])).toEqual(offsets.filter((i) => i < 4096).map(dataByte));
  expect(offsets.map((i) => big[i])).toEqual(offsets.map(dataByte));
  let wrong = 0;
  for (let i = 0; i < big.length; i++) if (big[i] !== dataByte(i)) wrong++;
  expect(wrong).toBe(0);
  expect(Buffer.compare(dataBytes(4096), small)).toBe(0);
  store.close();
});
