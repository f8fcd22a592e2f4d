// touch against the host's GNU touch: the times a FILE ends with (-d @N, -t STAMP, -r REF, -a, -m),
// creation and -c, and the messages and statuses. Each side runs on its own copy of the fixture; the
// guest's times are read back from its disk image.
import { afterAll, describe, expect, test } from "vitest";
import { cpSync, existsSync, mkdtempSync, rmSync, statSync, utimesSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { spawnSync } from "node:child_process";
import { gnuFixture, hasTool } from "./helpers/gnu";
import { cli } from "./helpers/cli";
import { FileStore } from "../host/devices/blockstore";
import { WsFs } from "../host/fs";

const fx = gnuFixture({ "old.txt": "old\n", "ref.txt": "r\n", "sub/": "" });
afterAll(() => fx.cleanup());
const NS = 1_000_000_000n;

interface Outcome { status: number | null; stdout: string; stderr: string; times: Record<string, string[] | null> }

/** Run argv on both sides, each on a fresh copy; the times (seconds) of `look` afterwards. */
function both(argv: string[], look: string[], prepare?: (dir: string) => void): { host: Outcome; guest: Outcome } {
  const base = mkdtempSync(join(tmpdir(), "wasmos-touch-"));
  try {
    const dir = join(base, "root");
    cpSync(fx.dir, dir, { recursive: true });
    prepare?.(dir);
    const img = join(base, "t.img");
    expect(cli("mkfs", img, "--from", dir, "--programs").status).toBe(0);   // after prepare: the same times
    prepare?.(dir);                     // again: mkfs's reads moved the host's access times (relatime)
    const h = spawnSync(argv[0], argv.slice(1), { cwd: dir, encoding: "utf8", env: { LC_ALL: "C", PATH: process.env.PATH } });
    const hostTimes = Object.fromEntries(look.map((f) => {
      const p = join(dir, f);
      if (!existsSync(p)) return [f, null];
      const s = statSync(p, { bigint: true });
      return [f, [String(s.atimeNs / NS), String(s.mtimeNs / NS)]];
    }));
    const g = cli("run", "--disk", img, `/bin/${argv[0]}`, ...argv.slice(1));
    const store = FileStore.open(img, "r");
    const fs = WsFs.open(store);
    const guestTimes = Object.fromEntries(look.map((f) => {
      try { const s = fs.stat("/" + f); return [f, [String(s.atime / NS), String(s.mtime / NS)]]; } catch { return [f, null]; }
    }));
    store.close();
    return { host: { status: h.status, stdout: h.stdout, stderr: h.stderr, times: hostTimes }, guest: { ...g, times: guestTimes } };
  } finally { rmSync(base, { recursive: true, force: true }); }
}

const OLD = (dir: string) => {                         // fixed times, so -a and -m leave a known one
  utimesSync(join(dir, "old.txt"), 1_000_000, 2_000_000);
  utimesSync(join(dir, "ref.txt"), 1_234_567, 7_654_321);
};

const fixed: string[][] = [
  ["touch", "-d", "@1700000000", "old.txt"], ["touch", "-d", "@1700000000", "new.txt"], ["touch", "-t", "202401021304.05", "old.txt"],
  ["touch", "-t", "9912312359", "old.txt"], ["touch", "-r", "ref.txt", "old.txt"], ["touch", "-a", "-d", "@5", "old.txt"],
  ["touch", "-m", "-d", "@5", "old.txt"], ["touch", "-am", "-d", "@5", "old.txt"], ["touch", "-c", "-d", "@5", "new.txt"],
  ["touch", "-c", "-d", "@9", "old.txt", "new.txt"], ["touch", "-d", "@7", "old.txt", "sub/x", "nodir/y"], ["touch", "-d", "@0", "sub"],
  ["touch"], ["touch", "-t", "1", "old.txt"], ["touch", "-d", "tomorrow!", "old.txt"], ["touch", "-r", "nope", "old.txt"], ["touch", "-q", "x"],
];

describe.skipIf(!hasTool("touch"))("touch as GNU touch", () => {
  test.each(fixed.map((argv) => [argv.join(" "), argv] as const))("%s", (_name, argv) => {
    // a directory's own times only where it is the operand (creating sub/x sets sub's mtime to each side's now)
    const { host, guest } = both(argv, ["old.txt", "new.txt", "sub/x", ...(argv.includes("sub") ? ["sub"] : [])], OLD);
    expect(guest).toEqual(host);
  });

  test("plain touch creates an empty file and sets an existing one's times to now (the guest's clock)", () => {
    const { host, guest } = both(["touch", "old.txt", "new.txt"], ["old.txt", "new.txt"], OLD);
    expect(guest.status).toBe(0);
    expect(host.status).toBe(0);
    expect(guest.times["new.txt"]).not.toBeNull();
    expect(guest.times["old.txt"]).not.toEqual(["1000000", "2000000"]);             // changed...
    expect(guest.times["old.txt"]).toEqual(guest.times["new.txt"]);                  // ...to the same now
  });
});
