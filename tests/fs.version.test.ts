// wsfs version 2 added symbolic links, atime and ctime. An image of another version is refused
// clearly: the kernel logs a wsfs: line and does not mount it (the machine says so, it never
// crashes), and the host tools name the version.
import { afterAll, expect, test } from "vitest";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { mkfs } from "../host/fs/mkfs";
import { Super, FS_VERSION } from "../kernel/abi/fs";
import { boot } from "./helpers/machine";
import { cli } from "./helpers/cli";

const dir = mkdtempSync(join(tmpdir(), "wasmos-fsver-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function oldImage(): Uint8Array {
  const bytes = mkfs(1 << 20).bytes;
  new DataView(bytes.buffer, bytes.byteOffset).setUint32(Super.version, 1, true);
  return bytes;
}

test("the kernel refuses a version 1 image with a wsfs: line", async () => {
  expect(FS_VERSION).toBe(2);
  await expect(boot({ disk: oldImage() })).rejects.toThrow(/does not hold a wsfs file system of version 2/);
  const b = await boot({ disk: mkfs(1 << 20).bytes });      // the current version mounts
  expect(b.stderr()).toBe("");
});

test("the kernel's refusal is logged on the console", async () => {
  const chunks: Uint8Array[] = [];
  const { Machine } = await import("../host/machine");
  await expect(Machine.create({ ramBytes: 16 << 20, disk: oldImage(), stdin: null, stdout: () => {},
    stderr: (b) => { chunks.push(b); } })).rejects.toThrow(/version 2/);
  expect(Buffer.concat(chunks).toString()).toBe(
    "wsfs: unsupported on-disk version 1 (this kernel reads version 2; rebuild the image with wasmos mkfs)\n");
});

test("wasmos fsck and wasmos ls name the version", () => {
  const img = join(dir, "old.img");
  writeFileSync(img, oldImage());
  const f = cli("fsck", img);
  expect(f.status).toBe(1);
  expect(f.stdout + f.stderr).toMatch(/on-disk version 1 is not supported \(this wasmos reads version 2;/);
  const l = cli("ls", img);
  expect(l.status).not.toBe(0);
  expect(l.stderr).toMatch(/on-disk version 1 is not supported/);
});
