// The tools that change the file tree against the host's GNU tools: the same command on a fresh
// copy of the same tree leaves the same tree (names, types, sizes, link counts, link targets, the
// contents of small files) and prints the same messages with the same status. mkdir (-p, -m),
// rmdir (-p), rm (-r, -R, -f, -d), ln (-s, -f), cp (-r, -R, -f, into a directory) and mv (into a
// directory, across directories, over files and empty directories).
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
  "d/sub/link@": "../one.txt",
  "flink@": "f.txt",
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
  ["cp"], ["cp", "f.txt"], ["cp", "f.txt", "new.txt"], ["cp", "f.txt", "g.txt"], ["cp", "f.txt", "d"], ["cp", "f.txt", "d/"],
  ["cp", "f.txt", "g.txt", "empty"], ["cp", "f.txt", "g.txt", "nodir"], ["cp", "f.txt", "g.txt", "f.txt"], ["cp", "missing", "x"],
  ["cp", "d", "x"], ["cp", "-r", "d", "x"], ["cp", "-R", "d", "empty"], ["cp", "-r", "d/", "x"], ["cp", "-r", "d", "d/sub"],
  ["cp", "-r", "d", "f.txt"], ["cp", "f.txt", "f.txt"], ["cp", "f.txt", "nodir/x"], ["cp", "empty", "f.txt", "p"], ["cp", "flink", "x"],
  ["cp", "-r", "flink", "x"], ["cp", "-f", "g.txt", "f.txt"], ["cp", "-rf", "d", "p/q", "empty"], ["cp", "-r", "p", "d", "empty"],
  ["cp", "-j", "f.txt", "y"], ["cp", "-r", "d/", "d/sub/x"], ["cp", "-r", "d", "."], ["cp", "d/sub/two.txt", "d/sub/deeper"],
  ["mv"], ["mv", "f.txt"], ["mv", "f.txt", "new.txt"], ["mv", "f.txt", "g.txt"], ["mv", "f.txt", "d"], ["mv", "f.txt", "g.txt", "d/sub"],
  ["mv", "f.txt", "g.txt", "nodir"], ["mv", "f.txt", "g.txt", "flink"], ["mv", "missing", "x"], ["mv", "d", "empty"], ["mv", "d", "x"],
  ["mv", "d/sub", "."], ["mv", "d", "d/sub"], ["mv", "d", "d/"], ["mv", "f.txt", "f.txt"], ["mv", "d", "f.txt"], ["mv", "f.txt", "empty"],
  ["mv", "-f", "g.txt", "f.txt"], ["mv", "d/sub/two.txt", "d/sub/deeper", "p/q/r"], ["mv", "p/q", "d/sub"], ["mv", "empty", "p/q"],
  ["mv", "flink", "d"], ["mv", "f.txt", "nodir/x"], ["mv", "-z", "f.txt", "x"],
];

test.each(cases.filter((c) => hasTool(c[0])).map((c) => [c.join(" "), c] as const))("%s", (_name, argv) => {
  const { host, guest } = bothChanging(fx, argv);
  expect(guest).toEqual(host);
});

