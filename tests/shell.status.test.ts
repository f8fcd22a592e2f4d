// Exit statuses: sh exits with its last command's status; `exit N`; `$?` is the last pipeline's
// status (its last command's), expanded bare and inside "..." but not '...'; a command not found is
// 127 with dash's "sh: LINE: NAME: not found"; a command killed by signal N is 128+N; a syntax error
// is 2 with dash's message.
import { describe, it, expect } from "vitest";
import { boot, distGuest } from "./helpers/machine";

async function sh(cmd: string) {
  const b = await boot({ disk: undefined });
  const pid = await b.m.spawn(distGuest("sh"), ["sh", "-c", cmd]);
  await b.m.run();
  return { out: b.stdout(), err: b.stderr(), code: b.m.exitOf(pid)?.code };
}

describe("sh: exit status", () => {
  it("exit 3", async () => {
    expect(await sh("exit 3; echo never")).toEqual({ out: "", err: "", code: 3 });
  });

  it("the status of the last command, and exit without a number keeps it", async () => {
    expect((await sh("cat /nope")).code).toBe(1);
    expect((await sh("cat /nope; exit")).code).toBe(1);
    expect((await sh("cat /nope; pwd")).code).toBe(0);
  });

  it("$? bare, in double quotes, not in single quotes", async () => {
    const r = await sh(`cat /nope; echo $? "[$?]" '$?'`);
    expect(r).toEqual({ out: "1 [1] $?\n", err: "cat: /nope: No such file or directory\n", code: 0 });
  });

  it("a pipeline's status is its last command's", async () => {
    const r = await sh("cat /nope | wc; echo $?; cat /data/4k.bin | cat /nope; echo $?");
    expect(r.out).toBe("      0       0       0\n0\n1\n");
  });

  it("not found: 127 and a message", async () => {
    const r = await sh("nope a b; echo $?; /bin/nope");
    expect(r).toEqual({ out: "127\n", err: "sh: 1: nope: not found\nsh: 1: /bin/nope: not found\n", code: 127 });
  });

  it("killed by a signal: 128 + N", async () => {
    const r = await sh("fault; echo $?");
    expect(r).toEqual({ out: "139\n", err: "Segmentation fault\n", code: 0 });   // dash names the signal
  });

  it("a syntax error: 2, nothing runs", async () => {
    const r = await sh("echo a; cat |");
    expect(r).toEqual({ out: "", err: "sh: 1: Syntax error: end of file unexpected\n", code: 2 });
  });
});
