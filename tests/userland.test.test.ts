// test and [ against the host's GNU test and [ (/usr/bin/test, /usr/bin/[, not a shell's builtin):
// every POSIX primary on files of each kind and on strings and integers, !, -a, -o, parentheses, the
// counted forms of up to four arguments, and the messages and status 2 of a malformed expression.
import { afterAll, describe, expect, test } from "vitest";
import { symlinkSync } from "node:fs";
import { join } from "node:path";
import { both, gnuFixture, hasTool } from "./helpers/gnu";
import { cli } from "./helpers/cli";

const fx = gnuFixture({ "f.txt": "data\n", "empty": "", "d/": "" });
symlinkSync("f.txt", join(fx.dir, "link"));
symlinkSync("nowhere", join(fx.dir, "dangling"));
const img = join(fx.dir, "..", "links.img");
expect(cli("mkfs", img, "--from", fx.dir, "--programs").status).toBe(0);
const lfx = { ...fx, img };
afterAll(() => fx.cleanup());

const T = (...a: string[]) => ["test", ...a];
const cases: string[][] = [
  T(), T(""), T("x"), T("-n", ""), T("-n", "x"), T("-z", ""), T("-z", "x"), T("!", "x"), T("!", ""),
  T("-e", "f.txt"), T("-e", "nope"), T("-f", "f.txt"), T("-f", "d"), T("-d", "d"), T("-d", "f.txt"), T("-s", "f.txt"), T("-s", "empty"),
  T("-h", "link"), T("-L", "f.txt"), T("-L", "dangling"), T("-e", "dangling"), T("-f", "link"), T("-r", "f.txt"), T("-w", "f.txt"),
  T("-x", "d"), T("-x", "f.txt"), T("-b", "f.txt"), T("-c", "f.txt"), T("-p", "f.txt"), T("-S", "f.txt"), T("-u", "f.txt"),
  T("-g", "f.txt"), T("-k", "d"),
  T("a", "=", "a"), T("a", "=", "b"), T("a", "!=", "b"), T("a", "==", "a"), T("a", "<", "b"), T("b", ">", "a"), T("-n", "=", "-n"),
  T("1", "-eq", "1"), T("1", "-ne", "1"), T("-3", "-lt", "2"), T("2", "-le", "2"), T("10", "-gt", "9"), T("5", "-ge", "6"),
  T(" 7 ", "-eq", "7"), T("+4", "-eq", "4"), T("x", "-eq", "1"), T("1", "-eq"), T("(", "x", ")"), T("!", "-z", "x"),
  T("!", "a", "=", "b"), T("(", "-n", "x", ")"), T("x", "-a", ""), T("x", "-o", ""), T("", "-o", ""),
  T("-d", "d", "-a", "!", "-f", "d"), T("1", "-lt", "2", "-a", "(", "-n", "x", "-o", "!", "-z", "y", ")"),
  T("-f", "nope", "-o", "-d", "d", "-a", "-s", "empty"), T("a", "b", "c", "d", "e"), T("-z", "a", "b"), T("(", "1"),
  T("(", "a", "=", "b", ")", "-o", "x"), T("!", "!", "x", "-a", "y"), T("-t", "7"),
  ["[", "1", "=", "1", "]"], ["[", "1", "=", "1"], ["[", "]"], ["[", "-d", "d", "]"], ["[", "a", "=", "b", "]"],
];

describe.skipIf(!hasTool("test") || !hasTool("["))("test and [ as GNU's", () => {
  test.each(cases.map((argv) => [argv.join(" "), argv] as const))("%s", (_n, argv) => {
    const { host, guest } = both(lfx, argv);
    expect(guest).toEqual(host);
  });
});
