// Redirections: `> FILE` creates or truncates, `>> FILE` appends, `< FILE` feeds stdin, `2> FILE`
// takes stderr; a redirection that cannot be opened fails the command with status 2 and dash's
// message.
// A built-in's redirections are undone after it (the shell's own stdout comes back).
import { describe, it, expect } from "vitest";
import { boot, distGuest } from "./helpers/machine";

async function sh(cmd: string) {
  const b = await boot({ disk: undefined });
  const pid = await b.m.spawn(distGuest("sh"), ["sh", "-c", cmd]);
  await b.m.run();
  return { out: b.stdout(), err: b.stderr(), code: b.m.exitOf(pid)?.code };
}

describe("sh: redirections", () => {
  it("> and < through a file (stdin a regular file: wc's columns are as wide as its size)", async () => {
    const r = await sh("cat /data/4k.bin > /t; wc < /t; cat /t > /t; wc /t");
    expect(r).toEqual({ out: "  16   97 4096\n0 0 0 /t\n", err: "", code: 0 });
  });

  it(">> appends (the two copies join one word: 97 + 96)", async () => {
    const r = await sh("cat /data/4k.bin >> /t2; cat /data/4k.bin >> /t2; wc /t2");
    expect(r).toEqual({ out: "  32  193 8192 /t2\n", err: "", code: 0 });
  });

  it("2> takes stderr; a built-in's redirection is undone after it", async () => {
    const r = await sh("cat /nope 2> /err; echo hi > /h; echo ho >> /h; echo back; cat /h /err");
    expect(r).toEqual({ out: "back\nhi\nho\ncat: /nope: No such file or directory\n", err: "", code: 0 });
  });

  it("a redirection that fails: status 2, the command does not run", async () => {
    const r = await sh("wc < /nope; echo $?; cat /data/4k.bin > /no/dir; echo $?");
    expect(r).toEqual({ out: "2\n2\n", err: "sh: 1: cannot open /nope: No such file\nsh: 1: cannot create /no/dir: Directory nonexistent\n", code: 0 });
  });
});
