// The tools that run other programs or write files from standard input, against the host's GNU
// tools: xargs (its input split, -n, -L, -I, -0, -d, -t, exit statuses of the commands it runs), env
// (-i, -u, NAME=VALUE, running a command, 125/126/127) and tee (several files, -a). Each case
// runs the same command line with the same stdin on the same files, host and guest; for tee the
// tree afterwards (file contents included) must match too. Programs xargs and env run are the
// tools of each side (/bin/echo in wasmos, GNU echo on the host), so their output is compared too.
import { afterAll, describe, expect, test } from "vitest";
import { both, bothChanging, gnuFixture, hasTool } from "./helpers/gnu";

const fx = gnuFixture({
  "old.txt": "old line\n",
  "d/in.txt": "x\n",
});
afterAll(() => fx.cleanup());

const words = "alpha beta\ngamma\n  delta   epsilon\nzeta\n";
const xargsCases: [string[], string][] = [
  [["xargs"], words], [["xargs", "echo", "items:"], words], [["xargs", "-n", "1"], words], [["xargs", "-n2", "echo", "two:"], words],
  [["xargs", "-t", "-n", "3", "echo"], words], [["xargs", "-I", "{}", "echo", "<{}>", "again:{}"], words],
  [["xargs", "-I{}", "-t", "echo", "[{}]"], "a b\n\n  c\n"], [["xargs", "-I", "X", "echo", "no", "marker"], "1\n2\n"],
  [["xargs", "-0", "-n", "1", "echo", "["], "a b\0\0c\nd\0"], [["xargs", "-0"], "one\0two"], [["xargs", "-d", ",", "-n", "1"], "a,,b c,d\n"],
  [["xargs", "-d", "\\n", "-n", "1", "echo", "line:"], "x y\n'q'\n"], [["xargs", "-d", "ab", "echo"], "x"],
  [["xargs", "-n1"], "a\\ b \"c d\" 'e  f' g\\\"h\n"], [["xargs", "echo"], "a 'b c\n"], [["xargs", "echo"], "x \"y\n"],
  [["xargs", "echo", "hi"], ""], [["xargs", "-r", "echo", "hi"], ""], [["xargs", "-I", "{}", "echo", "x{}"], ""],
  [["xargs", "-n", "x"], "a"], [["xargs", "-n", "0"], "a"], [["xargs", "-Q"], "a"], [["xargs", "-I"], "a"],
  [["xargs", "nosuch-command"], "a\n"], [["xargs", "false"], "a\n"], [["xargs", "-n", "1", "test", "b", "="], "a b c\n"],
  [["xargs", "sh", "-c", "exit 255"], "a\n"], [["xargs", "sh", "-c", "kill -9 $$"], "a\n"], [["xargs", "cat"], "d/in.txt old.txt missing\n"],
  [["xargs", "-L", "1", "echo", "x"], "a b\nc \nd\n\ne f\ng"], [["xargs", "-L2"], "a b\nc \nd\n\ne f\ng"], [["xargs", "-L", "0"], "a"],
  [["xargs", "-L", "x"], "a"], [["xargs", "-0", "-L1", "echo"], "a\0b\0"], [["xargs", "-d,", "-L1", "echo"], "a,b\n,c"],
  [["xargs", "ls", "-d"], "d old.txt\n"], [["xargs", "-n", "1", "wc", "-c"], "old.txt d/in.txt\n"],
];

describe.skipIf(!hasTool("xargs"))("xargs as GNU xargs", () => {
  test.each(xargsCases.map(([argv, input]) => [`${argv.join(" ")} <<< ${JSON.stringify(input)}`, argv, input] as const))(
    "%s", (_name, argv, input) => {
      const { host, guest } = both(fx, argv, input);
      expect(guest).toEqual(host);
    });
});

describe.skipIf(!hasTool("xargs"))("xargs in a pipeline (stdin a pipe, the shell of each side)", () => {
  test.each([["printf 'a b\\nc\\n' | xargs -n1 echo x"], ["ls d | xargs -I F cat d/F"], ["echo old.txt | xargs wc -c | tee /dev/null"],
    ["printf 'x\\0y' | xargs -0 -t echo 2>&1"]])("%s", (line) => {
    const { host, guest } = both(fx, ["sh", "-c", line]);
    expect(guest).toEqual(host);
  });
});

const envCases: string[][] = [
  ["env", "-i"], ["env", "-i", "A=1", "B=two words"], ["env", "-", "A=1"], ["env", "-i", "A=1", "env"], ["env", "-i", "A=1", "B=2", "env", "-u", "A"],
  ["env", "-i", "A=1", "env", "-u", "A", "A=3"], ["env", "-i", "A=1", "A=2"], ["env", "-i", "-0", "A=1", "B=2"], ["env", "-i", "-0", "A=1", "true"],
  ["env", "-i", "X=y", "sh", "-c", "echo $X"], ["env", "-i", "--", "Q=1"], ["env", "-u"], ["env", "-x"], ["env", "-u", "A=b"],
  ["env", "-i", "nosuch"], ["env", "-i", "PATH=/bin", "nosuch"], ["env", "-i", "./d"], ["env", "-i", "false"], ["env", "-i", "echo", "-n", "hi"],
];

describe.skipIf(!hasTool("env"))("env as GNU env", () => {
  test.each(envCases.map((argv) => [argv.join(" "), argv] as const))("%s", (_name, argv) => {
    const { host, guest } = both(fx, argv);
    expect(guest).toEqual(host);
  });
});

const teeCases: [string[], string][] = [
  [["tee"], "through\n"], [["tee", "new.txt"], "one\ntwo\n"], [["tee", "a.txt", "b.txt", "c.txt"], "three files\n"],
  [["tee", "old.txt"], "replaced\n"], [["tee", "-a", "old.txt", "new.txt"], "appended\n"], [["tee", "-ai", "old.txt"], "x"],
  [["tee", "nodir/x", "ok.txt"], "some\n"], [["tee", "d"], "to a directory\n"], [["tee", "-z"], "x"], [["tee", "--", "-a"], "dash\n"],
];

describe.skipIf(!hasTool("tee"))("tee as GNU tee", () => {
  test.each(teeCases.map(([argv, input]) => [argv.join(" "), argv, input] as const))("%s", (_name, argv, input) => {
    const { host, guest } = bothChanging(fx, argv, input);
    expect(guest).toEqual(host);
  });
});

describe.skipIf(!hasTool("tee"))("tee between pipes (wasmos's zero-copy path: tee(2) and splice), as GNU tee", () => {
  test.each([["printf 'x\\ny\\n' | tee a.txt b.txt c.txt | cat"], ["cat old.txt d/in.txt | tee -a d/in2.txt new.txt | wc -c"],
    ["printf 'z' | tee | cat"], ["printf 'q\\n' | tee nodir/x ok.txt | cat; echo $?"]])("%s", (line) => {
    const { host, guest } = bothChanging(fx, ["sh", "-c", line]);
    expect(guest).toEqual(host);
  });
});
