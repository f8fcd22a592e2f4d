// The image tools exit 2 with one clear "wasmos: ..." line for bad usage and missing files.
import { afterAll, beforeAll, expect, test } from "vitest";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { cli } from "./helpers/cli";

const dir = mkdtempSync(join(tmpdir(), "wasmos-usage-"));
const img = join(dir, "t.img");
afterAll(() => rmSync(dir, { recursive: true, force: true }));
beforeAll(() => {
  mkdirSync(join(dir, "src"));
  writeFileSync(join(dir, "file"), "x");
  expect(cli("mkfs", img, "--from", join(dir, "src"), "--size", "1M").status).toBe(0);
});

test.each([
  [["cp", "a", "b"], "cp: exactly one of SRC and DST must be IMAGE:/path"],
  [["cp", "IMG:/a", "IMG:/b"], "cp: exactly one of SRC and DST must be IMAGE:/path"],
  [["cp", "$D/nope", "$I:/x"], "cp: $D/nope: no such file"],
  [["cp", "$D/file", "$D/none.img:/x"], "cp: cannot open image '$D/none.img': no such file"],
  [["cp", "$D/file", "$I:/no/dir/x"], "cp: $I:/no/dir/x: no such file or directory"],
  [["cp", "$I:/missing", "$D/out"], "cp: $I:/missing: no such file or directory"],
  [["cp", "$I:/", "$D/out"], "cp: $I:/: is a directory"],
  [["cp", "$D/file"], "cp: missing required argument 'dst' (see wasmos cp --help)"],
  [["fsck"], "fsck: missing required argument 'image' (see wasmos fsck --help)"],
  [["fsck", "$D/none.img"], "fsck: cannot open image '$D/none.img': no such file"],
  [["ls", "$I", "/nope"], "ls: $I:/nope: no such file or directory"],
  [["ls", "$D/file"], "ls: $D/file: invalid argument (image smaller than one block)"],
  [["mkfs", "$D/x.img", "--from", "$D/none"], "mkfs: --from $D/none: no such directory"],
  [["mkfs", "$D/x.img", "--size", "12Q"], "mkfs: --size: bad size '12Q' (use e.g. 64M, 1G, 65536)"],
  [["mkfs", "$D/x.img", "--size", "1000"], "mkfs: size 1000 is not a multiple of 4096"],
  [["mkfs", "$D/x.img", "--size", "16K"], "mkfs: $D/x.img: no space left in the image"],
  [["mkfs", "$D/x.img", "--frm", "x"], "mkfs: unknown option '--frm' (Did you mean --from?) (see wasmos mkfs --help)"],
])("wasmos %j", (args, msg) => {
  const sub = (s: string) => s.replaceAll("$D", dir).replaceAll("$I", img);
  expect(cli(...args.map(sub))).toEqual({ status: 2, stdout: "", stderr: `wasmos: ${sub(msg)}\n` });
});
