// The userland's tools against the host's GNU tools: the same command line on the same files gives
// the same output, status and messages. Each tool's usual flags; files are on the guest's disk image,
// so both sides see regular files (stdin in the guest is the console, a character device).
import { afterAll, describe, expect, test } from "vitest";
import { both, gnuFixture, hasTool } from "./helpers/gnu";

const lines = Array.from({ length: 25 }, (_, i) => `line ${i + 1}${i % 4 === 0 ? "" : " word  x"}`).join("\n");
const fx = gnuFixture({
  "a.txt": "alpha beta\n\n\n\ngamma\tdelta\n  epsilon\n",
  "b.txt": lines + "\n",
  "nonl.txt": "first\nsecond\nno newline at end",
  "empty.txt": "",
  "sub/c.txt": "x\ny\n",
});
afterAll(() => fx.cleanup());

const cases: Record<string, string[][]> = {
  cat: [["cat", "a.txt"], ["cat", "-n", "a.txt", "nonl.txt"], ["cat", "-b", "a.txt"], ["cat", "-E", "nonl.txt"],
    ["cat", "-s", "a.txt"], ["cat", "-ns", "a.txt"], ["cat", "-bE", "a.txt"], ["cat", "a.txt", "-n"],
    ["cat", "missing.txt"], ["cat", "a.txt", "missing.txt", "b.txt"], ["cat", "-x", "a.txt"], ["cat", "--", "a.txt"]],
  wc: [["wc", "a.txt"], ["wc", "-l", "b.txt"], ["wc", "-w", "a.txt"], ["wc", "-c", "nonl.txt"], ["wc", "-lw", "a.txt"],
    ["wc", "-cl", "a.txt", "b.txt"], ["wc", "a.txt", "b.txt", "empty.txt"], ["wc", "-l", "missing.txt", "a.txt"],
    ["wc", "sub/c.txt"], ["wc", "-z"]],
  head: [["head", "b.txt"], ["head", "-n", "3", "b.txt"], ["head", "-n3", "b.txt"], ["head", "-c", "17", "b.txt"],
    ["head", "-n", "-20", "b.txt"], ["head", "-c", "-100", "b.txt"], ["head", "-n", "2", "a.txt", "nonl.txt"],
    ["head", "-q", "-n", "1", "a.txt", "b.txt"], ["head", "-v", "-n", "1", "a.txt"], ["head", "-n", "5", "nonl.txt"],
    ["head", "missing.txt"], ["head", "-n", "x", "a.txt"], ["head", "-n", "0", "a.txt"]],
  tail: [["tail", "b.txt"], ["tail", "-n", "3", "b.txt"], ["tail", "-n", "+20", "b.txt"], ["tail", "-c", "10", "b.txt"],
    ["tail", "-c", "+100", "b.txt"], ["tail", "-n", "2", "nonl.txt"], ["tail", "-n", "1", "a.txt", "nonl.txt"],
    ["tail", "-n", "0", "a.txt"], ["tail", "-n", "+1", "nonl.txt"], ["tail", "empty.txt"], ["tail", "missing.txt"],
    ["tail", "-n", "99", "a.txt"]],
  echo: [["echo", "a", "b", "c"], ["echo", "-n", "no newline"], ["echo", "-e", "tab\\there\\nnew\\\\line"],
    ["echo", "-e", "stop\\cnot this"], ["echo", "-e", "\\x41\\0102\\e[0m"], ["echo", "-E", "raw\\n"], ["echo", "-ne", "x\\ty"],
    ["echo", "-z", "dash"], ["echo", "--", "x"], ["echo"]],
  true: [["true"], ["true", "--anything"]],
  false: [["false"], ["false", "x"]],
};

for (const [tool, list] of Object.entries(cases)) {
  describe.skipIf(!hasTool(tool))(`${tool} as GNU ${tool}`, () => {
    test.each(list.map((argv) => [argv.join(" "), argv] as const))("%s", (_name, argv) => {
      const { host, guest } = both(fx, argv);
      expect(guest).toEqual(host);
    });
  });
}

test("--help prints a usage line and exits 0", () => {
  for (const tool of ["cat", "wc", "head", "tail", "echo"]) {
    const { guest } = both(fx, [tool, "--help"]);
    expect(guest.status).toBe(0);
    expect(guest.stdout).toMatch(new RegExp(`^Usage: ${tool} `));
  }
});
