// The loopback interface (kernel/net/loopback.ts): two guest processes talk TCP over 127.0.0.1
// inside the kernel. tests/guests/c/loopback.c sends 1 MiB from a child to its parent; its output
// (bytes, checksum, both ends' addresses) is what the same source prints built natively on Linux,
// and once both have exited every socket frame is back (only the NIC's posted receive buffers).
import { expect, test } from "vitest";
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { meminfo } from "../host/inspect";
import { projectRoot } from "../host/paths";
import { boot } from "./helpers/machine";
import { cGuest, hasClang, NO_CLANG, TRANSLATE_TIMEOUT } from "./helpers/cguest";

const SRC = "tests/guests/c/loopback.c";
const hasGcc = spawnSync("gcc", ["--version"]).status === 0;

test.skipIf(!hasClang || !hasGcc)(`TCP over 127.0.0.1 between guest processes, as on Linux${hasClang ? "" : ` (${NO_CLANG})`}`, async () => {
  const exe = join(mkdtempSync(join(tmpdir(), "wasmos-lo-")), "loopback");
  execFileSync("gcc", ["-O2", "-o", exe, join(projectRoot(), SRC)]);
  const native = spawnSync(exe, [], { encoding: "utf8" });
  expect(native.status).toBe(0);
  expect(native.stdout).toContain("read 1048576 bytes");        // the native run did what the test is about

  const b = await boot({ ramBytes: 32 << 20 });
  const atBoot = meminfo(b.m);
  const pid = await b.m.spawn(new Uint8Array(readFileSync(await cGuest(SRC))), ["loopback"]);
  await b.m.run();
  expect(b.stderr()).toBe("");
  expect(b.stdout()).toBe(native.stdout);
  expect(b.m.exitOf(pid)?.code).toBe(0);
  const after = meminfo(b.m);
  expect(after.byOwner.socket).toBe(atBoot.byOwner.socket);
  expect(after.byOwner.anon).toBe(0);
  b.m.close();
}, TRANSLATE_TIMEOUT);
