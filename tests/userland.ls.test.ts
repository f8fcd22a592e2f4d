// ls against the host's GNU ls (LC_ALL=C, stdout a pipe): names, -a, -A, -d, -R, -1, several operands,
// missing ones. For -l, -n and -h the columns that cannot agree are masked on both sides: owner and
// group (the host's user; the guest runs as 0), the date (the guest's clock starts at the Epoch),
// "total" and a directory's size (the host's file system allocates differently); the mode, link
// count, file sizes, names and link targets are compared, and the column layout is checked apart.
import { afterAll, describe, expect, test } from "vitest";
import { statSync, symlinkSync } from "node:fs";
import { join } from "node:path";
import { both, gnuFixture, hasTool } from "./helpers/gnu";
import { cli } from "./helpers/cli";

const fx = gnuFixture({
  "d/zeta": "z".repeat(10), "d/alpha": "a".repeat(5000), "d/Mid": "", "d/.hidden": "hh", "d/sub/inner": "i",
  "d/sub/deeper/x": "xx", "d/big": "b".repeat(123456), "e/": "", "f.txt": "file\n",
});
afterAll(() => fx.cleanup());

/** An ls -l line with the unshared columns masked. */
function mask(text: string): string {
  return text.split("\n").map((l) => {
    if (l.startsWith("total ")) return "total #";
    const m = /^([-dlcbps][-rwxsStT]{9})\s+(\d+)\s+\S+\s+\S+\s+(\S+)\s+\S+\s+\S+\s+\S+\s(.*)$/.exec(l);
    if (!m) return l;
    const dir = m[1].startsWith("d");
    return `${m[1]} ${m[4] === ".." ? "#" : m[2]} ${dir ? "#" : m[3]} ${m[4]}`;   // "..": the root differs (/bin, /usr)
  }).join("\n");
}

const exact: string[][] = [
  ["ls", "d"], ["ls", "-a", "d"], ["ls", "-A", "d"], ["ls", "-1", "d"], ["ls", "-d", "d", "e"], ["ls", "-R", "d"],
  ["ls", "d", "e", "f.txt"], ["ls", "f.txt"], ["ls", "e"], ["ls", "missing"], ["ls", "d", "missing", "f.txt"],
  ["ls", "-aR", "d/sub"], ["ls", "-j", "d"], ["ls", "d/sub", "d"], ["ls", "-Ad", "d"],
];
const longs: string[][] = [
  ["ls", "-l", "d"], ["ls", "-la", "d"], ["ls", "-n", "d"], ["ls", "-lh", "d"], ["ls", "-lR", "d"], ["ls", "-ld", "d", "f.txt"],
  ["ls", "-l", "f.txt", "d/alpha"], ["ls", "-lA", "d/sub"],
];

describe.skipIf(!hasTool("ls"))("ls as GNU ls", () => {
  test.each(exact.map((argv) => [argv.join(" "), argv] as const))("%s", (_name, argv) => {
    const { host, guest } = both(fx, argv);
    expect(guest).toEqual(host);
  });

  test.each(longs.map((argv) => [argv.join(" "), argv] as const))("%s (owner, date, total, dir sizes masked)", (_name, argv) => {
    const { host, guest } = both(fx, argv);
    expect({ ...guest, stdout: mask(guest.stdout) }).toEqual({ ...host, stdout: mask(host.stdout) });
  });
});

describe("ls -l's layout", () => {
  test("columns right-aligned to the widest value; a link shows its target; -h sizes", () => {
    symlinkSync("f.txt", join(fx.dir, "link"));
    const img = join(fx.dir, "..", "link.img");
    expect(cli("mkfs", img, "--from", fx.dir, "--programs").status).toBe(0);
    const r = cli("run", "--disk", img, "/bin/ls", "-l", "/d");
    expect(r.status).toBe(0);
    // The host's times are kept and the guest's clock starts at the Epoch: every date is "in the
    // future", so GNU's year format: "Mon dd  YYYY".
    const year = new Date(statSync(join(fx.dir, "d", "Mid")).mtimeMs).getUTCFullYear();
    const lines = r.stdout.split("\n").filter((l) => l && !l.startsWith("total"));
    const at = lines.map((l) => l.search(/ [A-Z][a-z]{2} [ 123]\d  \d{4} /));
    expect(at.every((x) => x === at[0] && x > 0)).toBe(true);                  // sizes right-aligned
    expect(lines[0]).toMatch(new RegExp(`^-rw-r--r-- 1 0 0      0 [A-Z][a-z]{2} [ 123]\\d  ${year} Mid$`));
    expect(cli("run", "--disk", img, "/bin/ls", "-l", "/link").stdout).toMatch(/^lrwxrwxrwx 1 0 0 5 .* \/link -> f\.txt\n$/);
    expect(cli("run", "--disk", img, "/bin/ls", "-lh", "/d/big").stdout).toMatch(/ 121K [A-Z][a-z]{2} [ 123]\d  \d{4} \/d\/big\n$/);
  });
});
