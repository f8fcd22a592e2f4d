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
  "dup.txt": "a\na\nb\nB\nb\nc\nc\nc\nd\n",
  "fields.txt": "root:x:0:0:root:/root:/bin/bash\nwasmos:x:1000:1000::/home/w:/bin/sh\nno colon here\n",
  "words.txt": "The quick brown fox\njumps over the lazy dog\n  Tabs\tand spaces  \nfox 42 and 7 foxes\nEND\n",
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
  uniq: [["uniq", "dup.txt"], ["uniq", "-c", "dup.txt"], ["uniq", "-d", "dup.txt"], ["uniq", "-u", "dup.txt"],
    ["uniq", "-ci", "dup.txt"], ["uniq", "missing.txt"]],
  cut: [["cut", "-d", ":", "-f", "1,7", "fields.txt"], ["cut", "-d:", "-f3-", "fields.txt"], ["cut", "-d", ":", "-f", "-2", "-s", "fields.txt"],
    ["cut", "-c", "1-4,8", "words.txt"], ["cut", "-b", "3-", "words.txt"], ["cut", "-f", "2", "words.txt"], ["cut", "a.txt"],
    ["cut", "-f", "0", "a.txt"], ["cut", "-b", "0", "a.txt"]],
  grep: [["grep", "fox", "words.txt"], ["grep", "-n", "o", "words.txt"], ["grep", "-v", "fox", "words.txt"], ["grep", "-c", "o", "words.txt", "a.txt"],
    ["grep", "-i", "the", "words.txt"], ["grep", "^fox", "words.txt"], ["grep", "dog$", "words.txt"], ["grep", "[0-9][0-9]*", "words.txt"],
    ["grep", "-n", "[[:upper:]]", "words.txt"], ["grep", "f.x", "words.txt"], ["grep", "fo\\?x\\+es", "words.txt"], ["grep", "-l", "a", "a.txt", "b.txt", "words.txt"],
    ["grep", "-q", "lazy", "words.txt"], ["grep", "nomatch", "words.txt"], ["grep", "x", "missing.txt", "words.txt"], ["grep", "-F", "[0-9]", "words.txt"],
    ["grep", "-e", "-v", "words.txt"], ["grep", "[^a-z ]", "words.txt"], ["grep", "-h", "line 2", "b.txt", "a.txt"], ["grep", "-H", "END", "words.txt"]],
  uname: [["uname", "-z"]],
  true: [["true"], ["true", "--anything"], ["true", "--help", "x"]],
  false: [["false"], ["false", "x"], ["false", "--help", "x"]],
};

for (const [tool, list] of Object.entries(cases)) {
  describe.skipIf(!hasTool(tool))(`${tool} as GNU ${tool}`, () => {
    test.each(list.map((argv) => [argv.join(" "), argv] as const))("%s", (_name, argv) => {
      const { host, guest } = both(fx, argv);
      expect(guest).toEqual(host);
    });
  });
}

describe.skipIf(!hasTool("sh"))("the tools reading a pipe (each side's shell joins them), as GNU's", () => {
  test.each([["cat b.txt | cat -n | tail -n 3"], ["cat a.txt | head -c 20 | wc -c"], ["cat b.txt | tail -c 25"], ["cat b.txt | tail -n +23"],
    ["cat dup.txt | sort | uniq -c"], ["cat words.txt | grep -in fox"], ["cat fields.txt | cut -d: -f1,6"], ["cat words.txt | tr -s ' '"],
    ["cat a.txt b.txt | wc -lwc"], ["cat nonl.txt | head -n 2"], ["cat b.txt | head -n -22"], ["echo -n x | cat - a.txt | wc -c"],
    ["cat words.txt | grep -c o"], ["cat dup.txt | sort -r | uniq -d"]])("%s", (line) => {
    const { host, guest } = both(fx, ["sh", "-c", line]);
    expect(guest).toEqual(host);
  });
});

const EVERY_TOOL_TIMEOUT = 300_000;   // 29 machines in one test: slow on a loaded CI machine

test("--help prints a usage line and exits 0 (false: 1, as GNU false)", () => {
  for (const tool of ["cat", "wc", "head", "tail", "echo", "uniq", "cut", "tr", "grep", "uname", "sleep", "env", "xargs", "cp", "mv", "rm",
    "stat", "tee", "mkdir", "rmdir", "ln", "touch", "sort", "ls", "date", "sync", "nc", "true", "false"]) {
    const { guest } = both(fx, [tool, "--help"]);
    expect(guest.status).toBe(tool === "false" ? 1 : 0);
    expect(guest.stdout).toMatch(new RegExp(`^Usage: ${tool} `));
  }
}, EVERY_TOOL_TIMEOUT);

describe.skipIf(!hasTool("tr"))("tr as GNU tr (on standard input)", () => {
  const input = "Hello, World!\n  two  spaces\taaa bbb\n123\n";
  test.each([[["tr", "a-z", "A-Z"]], [["tr", "-d", "lo"]], [["tr", "-s", " "]], [["tr", "-s", "a-z"]], [["tr", "[:lower:]", "[:upper:]"]],
    [["tr", "-cd", "[:digit:]\\n"]], [["tr", "abc", "x"]], [["tr", "-ds", "l", "a"]], [["tr", "\\n\\t", "_-"]], [["tr", "a"]], [["tr", "z-a", "x"]]])("%j", (argv) => {
    const { host, guest } = both(fx, argv, input);
    expect(guest).toEqual(host);
  });
});

test("uname names the kernel, sleep waits on the virtual clock, env sets and runs", () => {
  expect(both(fx, ["uname"]).guest.stdout).toBe("wasmos\n");
  expect(both(fx, ["uname", "-s", "-m"]).guest.stdout).toBe("wasmos wasm32\n");
  const s = both(fx, ["sleep", "0.5"]).guest;
  expect(s.status).toBe(0);
  expect(both(fx, ["sleep", "x"]).guest).toEqual({ status: 1, stdout: "",
    stderr: "sleep: invalid time interval 'x'\nTry 'sleep --help' for more information.\n" });
  expect(both(fx, ["env", "-i", "A=1", "B=two"]).guest.stdout).toBe("A=1\nB=two\n");
  expect(both(fx, ["env", "-i", "X=y", "env"]).guest.stdout).toBe("X=y\n");
  expect(both(fx, ["env", "nosuch"]).guest.status).toBe(127);
});
