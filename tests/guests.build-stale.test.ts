// guests/build.mjs buildGuests: every program of the source folder is built into the output folder,
// and a .wasm there that no source builds any more (a program removed or moved to guests/demos) is
// deleted, so it cannot linger in dist and on the disk image; other files are left alone.
import { afterAll, expect, test } from "vitest";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { projectRoot } from "../host/paths";
// @ts-expect-error: a JavaScript module without types
import { buildGuests } from "../guests/build.mjs";

const dir = mkdtempSync(join(tmpdir(), "wasmos-guestbuild-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test("a stale output is deleted; the current ones are built; non-wasm files stay", async () => {
  const src = join(dir, "src"), out = join(dir, "out");
  mkdirSync(src);
  mkdirSync(out);
  const sdk = relative(src, join(projectRoot(), "guests", "sdk")).split("\\").join("/");
  writeFileSync(join(src, "one.ts"), `import { exit_group } from "${sdk}";\nexit_group(0);\n`);
  writeFileSync(join(out, "gone.wasm"), "\0asm old");
  writeFileSync(join(out, "notes.txt"), "kept");
  const r = await buildGuests(out, { from: src });
  expect(r.map((x: { name: string; built: boolean }) => [x.name, x.built])).toEqual([["one", true]]);
  expect(readdirSync(out).sort()).toEqual(["notes.txt", "one.wasm"]);
  rmSync(join(src, "one.ts"));
  await buildGuests(out, { from: src });
  expect(existsSync(join(out, "one.wasm"))).toBe(false);
}, 60_000);
