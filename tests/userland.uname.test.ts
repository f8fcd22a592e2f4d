// uname against the host's GNU uname: the values differ (Linux and its machine there, wasmos here),
// so the comparison is of which fields each option combination prints and in what order. Each
// side's single-field values (-s, -n, -r, -v, -m, -o; -p and -i "unknown" on both) are learned
// first; the host's output for the combination is read back as a sequence of fields, and the
// guest's output must be exactly its own values in that sequence. Errors and --help compared as text.
import { afterAll, describe, expect, test } from "vitest";
import { both, gnuFixture, hasTool } from "./helpers/gnu";

const fx = gnuFixture({});
afterAll(() => fx.cleanup());
const LETTERS = ["s", "n", "r", "v", "m", "o", "p", "i"];
const values = (side: "host" | "guest") => new Map(LETTERS.map((c) => [c, both(fx, ["uname", `-${c}`])[side].stdout.replace(/\n$/, "")]));

/** out as the letters of the fields it holds (the longest value matching at each place). */
function fieldsOf(out: string, vals: Map<string, string>): string[] {
  const seq: string[] = [];
  let rest = out.replace(/\n$/, "");
  while (rest.length > 0) {
    const hit = [...vals].filter(([, v]) => rest === v || rest.startsWith(v + " ")).sort((a, b) => b[1].length - a[1].length)[0];
    if (!hit) throw new Error(`unknown field at: ${rest}`);
    seq.push(hit[0]);
    rest = rest.slice(hit[1].length + 1);
  }
  return seq;
}

describe.skipIf(!hasTool("uname"))("uname as GNU uname", () => {
  const host = values("host"), guest = values("guest");
  test("the guest's fields: wasmos on wasm32, -p and -i unknown as the host's", () => {
    expect([guest.get("s"), guest.get("m"), guest.get("p"), guest.get("i")]).toEqual(["wasmos", "wasm32", host.get("p"), host.get("i")]);
  });

  test.each([[], ["-a"], ["-s"], ["-n"], ["-r"], ["-v"], ["-m"], ["-o"], ["-p"], ["-i"], ["-sn"], ["-a", "-s"], ["-mrs"], ["-on"],
    ["-a", "-p"], ["-pi"], ["-snrvmpio"], ["-m", "-o", "-v"]].map((a) => [a.join(" "), a] as const))("uname %s", (_n, args) => {
    const r = both(fx, ["uname", ...args]);
    expect([r.guest.status, r.guest.stderr]).toEqual([r.host.status, r.host.stderr]);
    const seq = fieldsOf(r.host.stdout, host);
    expect(r.guest.stdout).toBe(seq.map((c) => guest.get(c)).join(" ") + "\n");
  });

  test.each([[["x"]], [["-x"]], [["-a", "extra"]]])("uname %j: the same message and status", (args) => {
    const r = both(fx, ["uname", ...args]);
    expect(r.guest).toEqual(r.host);
  });
});
