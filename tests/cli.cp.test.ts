// `wasmos cp` copies a file into an image and back out byte for byte, including one big enough
// (12 direct + 1024 indirect blocks + one more + 123 bytes: 4 MiB + 52 KiB + 123) to need the
// double indirect block, into directories and to stdout.
import { afterAll, expect, test } from "vitest";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { cli } from "./helpers/cli";
import { WsFs } from "../host/fs/files";
import { FileStore } from "../host/devices/blockstore";
import { NDIRECT, NINDIRECT, BLOCK_SIZE } from "../kernel/abi/fs";

const dir = mkdtempSync(join(tmpdir(), "wasmos-cp-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test("a file reaching the double indirect block and a small one round-trip through an image", () => {
  const img = join(dir, "t.img");
  mkdirSync(join(dir, "empty"));
  expect(cli("mkfs", img, "--from", join(dir, "empty"), "--size", "16M").status).toBe(0);
  const big = new Uint8Array((NDIRECT + NINDIRECT + 1) * BLOCK_SIZE + 123);
  for (let i = 0; i < big.length; i++) big[i] = (i * 131 + (i >>> 9)) & 0xff;
  writeFileSync(join(dir, "big.bin"), big);
  writeFileSync(join(dir, "note"), "hello\n");

  expect(cli("cp", join(dir, "big.bin"), `${img}:/big.bin`)).toEqual({ status: 0, stdout: "", stderr: "" });
  expect(cli("cp", join(dir, "note"), `${img}:/`).status).toBe(0);          // into a directory: keeps its name
  expect(cli("fsck", img).status).toBe(0);

  const s = FileStore.open(img, "r");
  const ip = WsFs.open(s).lookup("/big.bin");
  s.close();
  expect(ip.dindirect).not.toBe(0);

  expect(cli("cp", `${img}:/big.bin`, join(dir, "back.bin")).status).toBe(0);
  expect(Buffer.compare(readFileSync(join(dir, "back.bin")), big)).toBe(0);
  mkdirSync(join(dir, "out"));
  expect(cli("cp", `${img}:/note`, join(dir, "out")).status).toBe(0);
  expect(readFileSync(join(dir, "out", "note"), "utf8")).toBe("hello\n");
  expect(cli("cp", `${img}:/note`, "-")).toEqual({ status: 0, stdout: "hello\n", stderr: "" });
});
