// The path operations refuse what a kernel would: missing parents, files used as directories,
// directories as files, non-empty rmdir, existing names, names too long.
import { expect, test } from "vitest";
import { mkfs } from "../host/fs/mkfs";
import { fsck } from "../host/fs/fsck";
import { WsFs } from "../host/fs/files";
import { FsError } from "../host/fs/error";

const code = (f: () => unknown) => { try { f(); } catch (e) { return (e as FsError).code; } return "ok"; };

test("each refused operation fails with its errno and leaves the image clean", () => {
  const fs = WsFs.open(mkfs(1 << 20), true);
  fs.mkdir("/d");
  fs.writeFile("/d/f", Uint8Array.of(1, 2, 3));
  expect(code(() => fs.writeFile("/nope/f", new Uint8Array(1)))).toBe("ENOENT");
  expect(code(() => fs.writeFile("/d/f/g", new Uint8Array(1)))).toBe("ENOTDIR");
  expect(code(() => fs.writeFile("/d", new Uint8Array(1)))).toBe("EISDIR");
  expect(code(() => fs.readFile("/d"))).toBe("EISDIR");
  expect(code(() => fs.readFile("/d/g"))).toBe("ENOENT");
  expect(code(() => fs.mkdir("/d"))).toBe("EEXIST");
  expect(code(() => fs.mkdir("/"))).toBe("EEXIST");
  expect(code(() => fs.remove("/d"))).toBe("ENOTEMPTY");
  expect(code(() => fs.remove("/d/.."))).toBe("EINVAL");
  expect(code(() => fs.writeFile("/" + "n".repeat(121), new Uint8Array(1)))).toBe("ENAMETOOLONG");
  expect(code(() => fs.writeFile("/" + "n".repeat(120), new Uint8Array(1)))).toBe("ok");
  expect(code(() => fs.list("/d/f"))).toBe("ENOTDIR");
  fs.sync();
  expect(fsck(fs.img.store)).toMatchObject({ ok: true, problems: [] });
  expect(fs.list("/").map((e) => e.name.length)).toEqual([1, 120]);
});
