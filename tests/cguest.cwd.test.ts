// A C program started by the shell after `cd` is in the shell's directory: getcwd says so, a
// relative path lands there, and chdir("..") moves from there (guests/c/lib/cwd.c keeps wasi-libc's
// path string equal to the kernel's working directory, which the program inherits as on Linux).
import { copyFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, test } from "vitest";
import { distPath } from "../host/paths";
import { cli } from "./helpers/cli";
import { cGuest, hasClang, NO_CLANG, TRANSLATE_TIMEOUT } from "./helpers/cguest";

test.skipIf(!hasClang)(`a C program run after cd starts in that directory${hasClang ? "" : ` (${NO_CLANG})`}`, async () => {
  const img = join(mkdtempSync(join(tmpdir(), "wasmos-cwd-")), "disk.img");
  copyFileSync(distPath("rootfs.img"), img);
  expect(cli("cp", await cGuest("tests/guests/c/cwdstart.c"), `${img}:/bin/cwdstart`).status).toBe(0);
  const r = cli("run", "--disk", img, "/bin/sh", "-c", "mkdir -p /tmp/w/in && cd /tmp/w/in && /bin/cwdstart && ls /tmp/w/in");
  expect(r.stderr).toBe("");
  expect(r.status).toBe(0);
  expect(r.stdout).toBe("/tmp/w/in\n/tmp/w\nin\nmade.txt\n");
}, TRANSLATE_TIMEOUT);
