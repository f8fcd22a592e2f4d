// `wasmos ls IMAGE [PATH]` lists like `ls -l`: mode, links, size, name, sorted, aligned.
import { afterAll, beforeAll, expect, test } from "vitest";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync, chmodSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { cli } from "./helpers/cli";

const dir = mkdtempSync(join(tmpdir(), "wasmos-ls-"));
const img = join(dir, "t.img");
afterAll(() => rmSync(dir, { recursive: true, force: true }));

beforeAll(() => {
  const src = join(dir, "src");
  mkdirSync(join(src, "docs", "old"), { recursive: true });
  writeFileSync(join(src, "zeta"), "z");
  writeFileSync(join(src, "alpha.txt"), "a".repeat(12345));
  writeFileSync(join(src, "run"), "#!");
  chmodSync(join(src, "run"), 0o755);
  writeFileSync(join(src, "docs", "guide"), "");
  expect(cli("mkfs", img, "--from", src).status).toBe(0);
});

test("ls of the root, of a subdirectory and of one file", () => {
  expect(cli("ls", img)).toMatchInlineSnapshot(`
    {
      "status": 0,
      "stderr": "",
      "stdout": "-rw-r--r-- 1 12345 alpha.txt
    drwxr-xr-x 3   512 docs
    -rwxr-xr-x 1     2 run
    -rw-r--r-- 1     1 zeta
    ",
    }
  `);
  expect(cli("ls", img, "/docs").stdout).toMatchInlineSnapshot(`
    "-rw-r--r-- 1   0 guide
    drwxr-xr-x 2 256 old
    "
  `);
  expect(cli("ls", img, "/alpha.txt").stdout).toBe("-rw-r--r-- 1 12345 /alpha.txt\n");
});
