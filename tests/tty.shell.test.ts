// /bin/sh at a terminal (tests/helpers/terminal.ts): Ctrl-C at the prompt drops the line and gives
// a new prompt; `cat` ends at Ctrl-D and the shell goes on; a running `cat` (and a pipeline) is
// killed by Ctrl-C, the input typed before it is flushed, and the shell takes the terminal back;
// `exit 3` ends the shell with status 3. The shell's line editor echoes what is typed at its prompt
// (to stderr, with the prompt); while a command runs, the kernel echoes (to stdout).
import { describe, it, expect } from "vitest";
import { openTerminal } from "./helpers/terminal";

const PROMPT = "$ ";
const count = (s: string, sub: string) => s.split(sub).length - 1;

describe("sh at a terminal", () => {
  it("Ctrl-C, Ctrl-D and exit", async () => {
    const t = await openTerminal("/bin/sh", ["sh"], { disk: undefined });
    const prompts = async (n: number) => { for (const t0 = Date.now(); count(t.err(), PROMPT) < n; await new Promise((r) => setTimeout(r, 5))) {
      if (Date.now() - t0 > 20_000) throw new Error(`waiting for prompt ${n}: ${JSON.stringify(t.err())} ${JSON.stringify(t.out())}`);
    } };
    await prompts(1);
    t.type("abc\x03");                      // at the prompt: a new prompt, nothing run
    await prompts(2);
    t.type("cat\r");
    await t.waitErr("cat\r\n");
    t.type("hello\r");
    await t.waitOut("hello\r\nhello\r\n");  // echoed, then cat's copy
    t.type("\x04");                         // end of file for cat's read: cat exits
    await prompts(3);
    t.type("cat | cat\r");
    await t.waitErr("cat | cat\r\n");
    t.type("one\r");                        // through both cats: the whole pipeline runs (a Ctrl-C
    await t.waitOut("one\r\none\r\n");      // before the second cat joined its group killed only the first)
    t.type("partial");
    await t.waitOut("partial");
    t.type("\x03");                         // kills the pipeline; the line typed is flushed
    await prompts(4);
    t.type("echo $?\r");
    await t.waitOut("130\r\n");
    t.type("exit 3\r");
    await t.done;
    expect(t.m.exitOf(t.pid)?.code).toBe(3);
    expect(t.m.interrupted).toBe(false);
    expect(t.out()).toBe("hello\r\nhello\r\n" + "one\r\none\r\n" + "partial^C" + "130\r\n");
    expect(t.err()).toBe("/ $ abc^C\r\n/ $ cat\r\n/ $ cat | cat\r\n\r\n/ $ echo $?\r\n/ $ exit 3\r\n");
  });
});
