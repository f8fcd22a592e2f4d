// The interactive shell (`sh -i`: stdin here is piped, not a terminal, so as with dash only -i makes
// it interactive): background jobs listed by `jobs` with
// dash's columns, killed and waited for (128 + SIGTERM); after a syntax error, a failed expansion
// or a command not found it prints the error and reads the next line instead of exiting; the
// prompt is '$PWD $ ' and follows cd. (Job control proper — process groups, the terminal's
// foreground group, Ctrl-C — needs the kernel's setpgid and TIOCSPGRP; without them the shell
// runs the same commands without it.)
import { describe, it, expect } from "vitest";
import { Machine } from "../host/machine";
import { distGuest } from "./helpers/machine";
import { Sig } from "../kernel/abi/signals";

async function interactive(input: string) {
  const out: Uint8Array[] = [], err: Uint8Array[] = [];
  const m = await Machine.create({ ramBytes: 16 << 20, stdin: new TextEncoder().encode(input),
    stdout: (b) => { out.push(b); }, stderr: (b) => { err.push(b); } });
  const pid = await m.spawn(distGuest("sh"), ["sh", "-i"]);
  await m.run();
  return { out: Buffer.concat(out).toString(), err: Buffer.concat(err).toString(), code: m.exitOf(pid)?.code };
}

describe("sh: interactive", () => {
  it("a background job: its number and pid, jobs, kill, wait", async () => {
    const r = await interactive("sleep 100 | cat &\njobs\nkill $!\nwait $!\necho status $?\n");
    expect(r.out).toBe(`[1] + Running${" ".repeat(20)}sleep 100 | cat\nstatus ${128 + Sig.SIGTERM}\n`);
    expect(r.err).toMatch(/^\/ \$ \[1\] \d+\n(\/ \$ ){5}\n$/);
    expect(r.code).toBe(0);
  });

  it("errors do not end it; the prompt follows cd", async () => {
    const r = await interactive("if then\necho one\necho ${x?gone}\necho two\nnosuch\ncd /data\necho $?\n");
    expect(r.out).toBe("one\ntwo\n0\n");
    expect(r.err).toBe("/ $ sh: 1: Syntax error: \"then\" unexpected\n/ $ / $ sh: 3: x: gone\n/ $ / $ " +
      "sh: 5: nosuch: not found\n/ $ /data $ /data $ \n");
    expect(r.code).toBe(0);
  });

  it("a command spread over lines prompts with PS2", async () => {
    const r = await interactive("for i in 1 2\ndo echo $i\ndone\n");
    expect(r).toEqual({ out: "1\n2\n", err: "/ $ > > / $ \n", code: 0 });
  });
});
