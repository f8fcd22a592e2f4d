// sync against the host's GNU sync: no operand, files, -d, a missing file, a bad option. That the
// data reach the disk is tests/storage.durability's subject; here the command line and messages.
import { afterAll, describe, expect, test } from "vitest";
import { both, gnuFixture, hasTool } from "./helpers/gnu";

const fx = gnuFixture({ "f.txt": "data\n", "d/": "" });
afterAll(() => fx.cleanup());

const cases = [["sync"], ["sync", "f.txt"], ["sync", "-d", "f.txt", "d"], ["sync", "nope", "f.txt"], ["sync", "-d"], ["sync", "-q"]];

describe.skipIf(!hasTool("sync"))("sync as GNU sync", () => {
  test.each(cases.map((argv) => [argv.join(" "), argv] as const))("%s", (_n, argv) => {
    const { host, guest } = both(fx, argv);
    expect(guest).toEqual(host);
  });
});
