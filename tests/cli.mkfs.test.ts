// `wasmos mkfs IMAGE --from DIR` sizes the image at content + 25% + 8 MiB (rounded up to 1 MiB)
// unless --size says otherwise, and prints what it made.
import { afterAll, expect, test } from "vitest";
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync, linkSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { cli } from "./helpers/cli";

const dir = mkdtempSync(join(tmpdir(), "wasmos-mkfs-cli-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test("default and explicit sizes", () => {
  const src = join(dir, "src");
  mkdirSync(join(src, "sub"), { recursive: true });
  writeFileSync(join(src, "sub", "blob"), new Uint8Array(3 << 20));        // 768 blocks + 2 directory blocks
  const img = join(dir, "a.img");
  expect(cli("mkfs", img, "--from", src)).toEqual({ status: 0, stderr: "",
    stdout: `${img}: 12582912 bytes, 798/3072 blocks, 3/767 inodes used\n` });    // ceil(3.76 + 8) MiB = 12 MiB;
  // 798 = 27 metadata (superblock, 2 bitmaps, 24 inode table) + 2 directories + 768 data + 1 indirect
  expect(statSync(img).size).toBe(12 << 20);
  expect(cli("fsck", img).status).toBe(0);

  const img2 = join(dir, "b.img");
  expect(cli("mkfs", img2, "--from", src, "--size", "32M").stdout).toBe(`${img2}: 33554432 bytes, 838/8192 blocks, 3/2047 inodes used\n`);
  expect(statSync(img2).size).toBe(32 << 20);
});

test("mkfs --from keeps symbolic and hard links; ls shows them as ls -l does; fsck is clean", () => {
  const src = join(dir, "links");
  mkdirSync(join(src, "sub"), { recursive: true });
  writeFileSync(join(src, "a"), "hi\n");
  linkSync(join(src, "a"), join(src, "b"));
  symlinkSync("a", join(src, "l"));
  symlinkSync("/abs/x", join(src, "sub", "y"));
  const img = join(dir, "links.img");
  expect(cli("mkfs", img, "--from", src, "--size", "1M").status).toBe(0);
  expect(cli("ls", img, "/").stdout).toBe(
    "-rw-r--r-- 2   3 a\n-rw-r--r-- 2   3 b\nlrwxrwxrwx 1   1 l -> a\ndrwxr-xr-x 2 384 sub\n");
  expect(cli("ls", img, "/sub").stdout).toBe("lrwxrwxrwx 1 6 y -> /abs/x\n");
  expect(cli("fsck", img).status).toBe(0);
  // paths through links resolve as the kernel resolves them; a final link is the link itself
  symlinkSync("sub", join(src, "sl"));
  symlinkSync("lb", join(src, "la"));
  symlinkSync("la", join(src, "lb"));
  const img2 = join(dir, "links2.img");
  expect(cli("mkfs", img2, "--from", src, "--size", "1M").status).toBe(0);
  expect(cli("ls", img2, "/sl/").stdout).toBe("lrwxrwxrwx 1 6 y -> /abs/x\n");
  expect(cli("ls", img2, "/sl").stdout).toBe("lrwxrwxrwx 1 3 /sl -> sub\n");
  expect(cli("ls", img2, "/la/").stderr).toMatch(/too many levels of symbolic links/);
  expect(cli("ls", img2, "/a/").stderr).toMatch(/not a directory/);
});

test("mkfs --programs puts the tools in /bin and the demos in /usr/demo: the README's own image boots and runs /bin/ls", () => {
  const src = join(dir, "mine");
  mkdirSync(src);
  writeFileSync(join(src, "notes.txt"), "mine\n");
  const img = join(dir, "p.img");
  expect(cli("mkfs", img, "--from", src, "--programs").status).toBe(0);
  expect(cli("fsck", img).status).toBe(0);
  expect(cli("ls", img, "/bin").stdout).toMatch(/ cat\n[\s\S]* ls\n/);
  expect(cli("ls", img, "/usr/demo").stdout).toMatch(/ hello\n[\s\S]* sieve\n/);
  expect(cli("ls", img, "/bin").stdout).not.toMatch(/ sieve\n/);
  expect(cli("run", "--disk", img, "/bin/ls", "/")).toEqual({ status: 0, stdout: "bin\ndev\nnotes.txt\nproc\nusr\n", stderr: "" });
  expect(cli("run", "--disk", img, "/usr/demo/sieve", "100").stdout).toBe("primes below 100: 25\n");
  expect(cli("run", "--disk", img, "/bin/cat", "/notes.txt").stdout).toBe("mine\n");
});
