// sleep against the host's GNU sleep: durations with fractions, exponents and suffixes, several
// summed, and the messages (each invalid DURATION named before the one "Try" line) and statuses.
// How long it slept is checked in the guest alone, on its virtual clock: date +%s before and after.
import { afterAll, describe, expect, test } from "vitest";
import { both, gnuFixture, hasTool } from "./helpers/gnu";
import { cli } from "./helpers/cli";

const fx = gnuFixture({});
afterAll(() => fx.cleanup());

describe.skipIf(!hasTool("sleep"))("sleep as GNU sleep", () => {
  test.each([["0.1"], ["0.001m"], ["0.05", "0.05s"], ["1e-2"], ["0"], ["x"], [], ["-1"], ["1x", "2y"], ["."], ["1ms"], ["--", "0"],
    ["0.1", "bad"], ["-x"], ["1e"], ["0.0001h"]].map((a) => [a.join(" "), a] as const))("sleep %s", (_n, args) => {
    const { host, guest } = both(fx, ["sleep", ...args]);
    expect(guest).toEqual(host);
  });
});

test("sleep 3 and sleep 1.5m 0.5 pass 3 s and 90.5 s of the guest's clock", () => {
  const elapsed = (args: string) => {
    const r = cli("run", "--disk", fx.img, "/bin/sh", "-c", `date +%s; sleep ${args}; date +%s`);
    expect(r.status).toBe(0);
    const [a, b] = r.stdout.trim().split("\n").map(Number);
    return b - a;
  };
  expect([3, 4]).toContain(elapsed("3"));
  expect([90, 91]).toContain(elapsed("1.5m 0.5"));
});
