// `--inspect pagecache` names a detached page (truncated while a pipe holds it: kernel/pagecache.ts
// DETACHED) as such. Before, it was listed as the page of "inode 4294967295" (the DETACHED marker
// taken for an inode number), and a pipe slot holding it as "page cache: inode 4294967295 page 0".
import { expect, test } from "vitest";
import { mkfs } from "../host/fs";
import { snapshot } from "../host/snapshot";
import { boot, testGuest } from "./helpers/machine";

test("a page truncated while a pipe holds it shows as detached", async () => {
  let view = "";
  let pid = 0;
  const b = await boot({ disk: mkfs(8 << 20, {}).bytes, onStdout: (bytes) => {
    if (Buffer.from(bytes).toString().startsWith("truncate ")) view = snapshot(b.m, ["pagecache", "pipes"], pid);
  } });
  pid = await b.m.spawn(await testGuest("pcheld.ts"), ["pcheld", "trunc", "/f"]);
  await b.m.run();
  expect(b.m.exitOf(pid)?.code, b.stdout()).toBe(0);
  expect(b.stdout()).toMatch(/^truncate /m);
  expect(view).toMatch(/^ *detached \(no file; held by a pipe or mapping\): 1 page, 0 dirty, 0 mapped, 0 also held elsewhere/m);
  expect(view).toMatch(/slot 0: frame \d+ offset 0 len 4096 .*\(page cache: detached, refcount 1\)/);
  expect(view).not.toContain("4294967295");
});
