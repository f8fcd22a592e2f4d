// The tools that change the file tree against the host's GNU tools: the same command on a fresh
// copy of the same tree leaves the same tree (names, types, sizes, link counts, link targets) and
// prints the same messages with the same status.
import { afterAll, expect, test } from "vitest";
import { bothChanging, gnuFixture, hasTool } from "./helpers/gnu";

const fx = gnuFixture({
  "f.txt": "file\n",
  "g.txt": "other file\n",
  "d/one.txt": "1\n",
  "d/sub/two.txt": "22\n",
  "d/sub/deeper/three.txt": "333\n",
  "empty/": "",
  "p/q/r/": "",
});
afterAll(() => fx.cleanup());

const cases: string[][] = [
  ["mkdir", "new"], ["mkdir", "a/b/c"], ["mkdir", "-p", "a/b/c"], ["mkdir", "-p", "d/sub"], ["mkdir", "d"], ["mkdir", "f.txt/x"],
  ["mkdir", "x", "y", "d"], ["mkdir"], ["mkdir", "-p", "f.txt/x/y"], ["mkdir", "-m", "", "z"], ["mkdir", "-m", "8", "z"],
  ["mkdir", "-m", "700", "z"], ["ln", "-s", "f.txt", "d/"], ["rmdir", "p/q/r//"],
  ["rm", "f.txt"], ["rm", "missing"], ["rm", "-f", "missing", "g.txt"], ["rm", "d"], ["rm", "-r", "d"], ["rm", "-rf", "d", "nothere"],
  ["rm", "-d", "d"], ["rm", "-R", "d/sub"], ["rm"], ["rm", "-f"], ["rm", "-r", "."],
  ["rmdir", "d"], ["rmdir", "missing"], ["rmdir", "d/sub/deeper"], ["rmdir", "f.txt"], ["rmdir", "-p", "p/q/r"], ["rmdir", "-p", "p/q/r/"],
  ["rmdir", "-p", "d/sub/deeper"], ["rmdir", "empty", "d"],
  ["ln", "-s", "f.txt", "link"], ["ln", "f.txt", "hard"], ["ln", "f.txt", "g.txt"], ["ln", "-f", "f.txt", "g.txt"],
  ["ln", "-s", "../f.txt", "d"], ["ln", "f.txt", "g.txt", "d"], ["ln", "f.txt", "g.txt", "nodir"], ["ln", "missing", "x"], ["ln", "-sf", "g.txt", "f.txt"],
];

test.each(cases.filter((c) => hasTool(c[0])).map((c) => [c.join(" "), c] as const))("%s", (_name, argv) => {
  const { host, guest } = bothChanging(fx, argv);
  expect(guest).toEqual(host);
});

