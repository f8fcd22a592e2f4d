// sort against the host's GNU sort (LC_ALL=C): each flag, keys with and without a separator, numeric
// and folded orders, uniqueness, stability, checking, -o and the error messages and statuses.
import { afterAll, describe, expect, test } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { both, bothChanging, gnuFixture, hasTool } from "./helpers/gnu";

const fx = gnuFixture({
  "n.txt": "b 10\na 2\nB 1\n  c 3\na 2\n-1 x\n10 y\n2.5 z\n-0 w\n0 v\n007 u\n1e3 t\n.5 s\n",
  "csv.txt": "x,3,beta\ny,10,alpha\nz,2,Beta\nw,10,gamma\nv,,delta\nu,3,alpha\n",
  "blank.txt": "  zeta 1\nalpha   2\n\tbeta 3\n gamma  10\nalpha 2\n",
  "sorted.txt": "a\nb\nb\nc\n",
  "unsorted.txt": "a\nc\nb\n",
  "nonl.txt": "delta\nalpha",
  "other.txt": "omega\nbeta\n",
  "empty.txt": "",
});
afterAll(() => fx.cleanup());

const cases: string[][] = [
  ["sort", "n.txt"], ["sort", "-n", "n.txt"], ["sort", "-r", "n.txt"], ["sort", "-f", "n.txt"], ["sort", "-u", "n.txt"],
  ["sort", "-nr", "n.txt"], ["sort", "-fu", "n.txt"], ["sort", "-b", "n.txt"], ["sort", "-k2n", "n.txt"], ["sort", "-k2,2nr", "n.txt"],
  ["sort", "-k", "2", "n.txt"], ["sort", "-s", "-k1,1", "n.txt"], ["sort", "-s", "-f", "-k1,1", "n.txt"],
  ["sort", "-t", ",", "-k2", "csv.txt"], ["sort", "-t,", "-k2,2n", "csv.txt"], ["sort", "-t,", "-k2,2n", "-k3", "csv.txt"],
  ["sort", "-t,", "-k3,3f", "csv.txt"], ["sort", "-t,", "-k3,3f", "-s", "csv.txt"], ["sort", "-t,", "-k2,2nr", "-k1,1", "csv.txt"],
  ["sort", "-t,", "-k3.2", "csv.txt"], ["sort", "-t,", "-k3.2,3.3", "csv.txt"], ["sort", "-t,", "-u", "-k2,2", "csv.txt"],
  ["sort", "-k2", "blank.txt"], ["sort", "-k2n", "blank.txt"], ["sort", "-b", "-k1,1", "blank.txt"], ["sort", "-k1b,1", "blank.txt"],
  ["sort", "-k1.2b", "blank.txt"], ["sort", "-b", "blank.txt"], ["sort", "-r", "-k2,2n", "blank.txt"],
  ["sort", "nonl.txt", "other.txt"], ["sort", "empty.txt"], ["sort", "-c", "sorted.txt"], ["sort", "-c", "unsorted.txt"],
  ["sort", "-cu", "sorted.txt"], ["sort", "-C", "unsorted.txt"], ["sort", "-c", "sorted.txt", "n.txt"],
  ["sort", "missing.txt"], ["sort", "n.txt", "missing.txt"], ["sort", "-x", "n.txt"], ["sort", "-k0", "n.txt"],
  ["sort", "-k1.0", "n.txt"], ["sort", "-k", "a", "n.txt"], ["sort", "-t", "ab", "n.txt"], ["sort", "-k1,1", "n.txt", "-r"],
];

describe.skipIf(!hasTool("sort"))("sort as GNU sort", () => {
  test.each(cases.map((argv) => [argv.join(" "), argv] as const))("%s", (_name, argv) => {
    const { host, guest } = both(fx, argv);
    expect(guest).toEqual(host);
  });

  test("stdin, and - as a file", () => {
    const input = "pear\napple\nfig\n";
    expect(both(fx, ["sort"], input)).toMatchObject({ guest: { status: 0, stdout: "apple\nfig\npear\n" } });
    const { host, guest } = both(fx, ["sort", "-", "other.txt"], input);
    expect(guest).toEqual(host);
  });

  test("-o writes the file after reading all input (sort -o f f sorts in place)", () => {
    const { host, guest } = bothChanging(fx, ["sort", "-o", "unsorted.txt", "unsorted.txt"]);
    expect(guest).toEqual(host);
    expect(guest.tree).toContain(`unsorted.txt f 6 1 ${JSON.stringify("a\nb\nc\n")}`);     // sorted in place
    expect(readFileSync(join(fx.dir, "unsorted.txt"), "utf8")).toBe("a\nc\nb\n");   // the fixture is untouched
  });
});
