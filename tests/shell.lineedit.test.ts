// The shell's line editor and history at a terminal (tests/helpers/terminal.ts): keys typed as a
// terminal sends them; the commands' output (stdout) shows the line that was run, stderr the
// prompt and the editor's own echo. Cursor keys and ^B/^F move, characters insert in the middle,
// Home/End ^A/^E, backspace and Delete, ^U ^K ^W; Up/Down and ^P/^N walk the history, which
// `history` lists numbered and $HISTFILE keeps; ^C abandons the line ($? 130); a command gets the
// terminal back in canonical mode with echo (cat); ^D on an empty line ends the shell.
import { describe, it, expect } from "vitest";
import { openTerminal, type Term } from "./helpers/terminal";

const LEFT = "\x1b[D", RIGHT = "\x1b[C", UP = "\x1b[A", DOWN = "\x1b[B", HOME = "\x1b[H", END = "\x1b[F";
const DELETE = "\x1b[3~", BACKSPACE = "\x7f", ENTER = "\r";
const CTRL = (c: string) => String.fromCharCode(c.charCodeAt(0) - 0x40);

async function shell(): Promise<Term> {
  const t = await openTerminal("/bin/sh", ["sh"], { disk: undefined });
  await t.waitErr("$ ");
  return t;
}

const PS1 = "/ $ ";                     // '$PWD $ ' in /

async function until(t: Term, f: () => boolean, what: string): Promise<void> {
  for (const t0 = Date.now(); !f(); await new Promise((r) => setTimeout(r, 5))) {
    if (Date.now() - t0 > 20_000) throw new Error(`waiting for ${what}: ${JSON.stringify(t.out())} ${JSON.stringify(t.err())}`);
  }
}

/** Type keys; wait until stdout has grown by `expected` (the command's output, CR NL lines) and,
 *  unless the command goes on reading, the next prompt. */
async function run(t: Term, keys: string, expected: string, prompt = true): Promise<void> {
  const out = t.out().length, err = t.err().length;
  t.type(keys);
  await until(t, () => t.out().length >= out + expected.length && (!prompt || (t.err().length > err && t.err().endsWith(PS1))), JSON.stringify(expected));
  expect(t.out().slice(out)).toBe(expected);
}

describe("sh: line editing at a terminal", () => {
  it("moves, inserts and deletes inside the line", async () => {
    const t = await shell();
    await run(t, "echo wrld" + LEFT.repeat(3) + "o" + ENTER, "world\r\n");
    await run(t, "eho two" + HOME + RIGHT + "c" + END + "s" + ENTER, "twos\r\n");
    await run(t, "cho x" + CTRL("A") + "e" + CTRL("E") + "y" + ENTER, "xy\r\n");
    await run(t, "echo abZc" + LEFT + BACKSPACE + ENTER, "abc\r\n");
    await run(t, "echo Xab" + HOME + RIGHT.repeat(5) + DELETE + ENTER, "ab\r\n");
    await run(t, "echo ABCxyz" + CTRL("B").repeat(3) + CTRL("K") + ENTER, "ABC\r\n");
    await run(t, "junk words" + CTRL("U") + "echo kept" + ENTER, "kept\r\n");
    await run(t, "echo abc def" + CTRL("W") + "ghi" + ENTER, "abc ghi\r\n");
    await run(t, "echo one two" + LEFT.repeat(4) + CTRL("W") + ENTER, "two\r\n");
    await run(t, "echo tail" + LEFT.repeat(4) + CTRL("F") + CTRL("D") + ENTER, "til\r\n");
    t.type(CTRL("D"));
    await t.done;
    expect(t.m.exitOf(t.pid)?.code).toBe(0);
  }, 60_000);

  it("walks the history and lists it", async () => {
    const t = await shell();
    await run(t, "echo first" + ENTER, "first\r\n");
    await run(t, "echo second" + ENTER, "second\r\n");
    await run(t, UP + ENTER, "second\r\n");
    await run(t, UP + UP + UP + ENTER, "first\r\n");
    await run(t, UP + UP + UP + DOWN + " again" + ENTER, "second again\r\n");
    await run(t, "echo new" + UP + DOWN + ENTER, "new\r\n");
    await run(t, CTRL("P") + CTRL("P") + CTRL("N") + ENTER, "new\r\n");
    await run(t, "history" + ENTER, ["echo first", "echo second", "echo second", "echo first",
      "echo second again", "echo new", "echo new", "history"].map((l, i) => `${String(i + 1).padStart(5)}  ${l}\r\n`).join(""));
    await run(t, "history 2" + ENTER, "    8  history\r\n    9  history 2\r\n");
    t.type("exit 4" + ENTER);
    await t.done;
    expect(t.m.exitOf(t.pid)?.code).toBe(4);
  }, 60_000);

  it("^C abandons the line; commands get the terminal in canonical mode with echo", async () => {
    const t = await shell();
    await run(t, "echo never" + LEFT + CTRL("C"), "");
    expect(t.err()).toBe("/ $ echo never\b\r/ $ echo never\x1b[K^C\r\n/ $ ");   // moved to the end, ^C, a new prompt
    await run(t, "echo $?" + ENTER, "130\r\n");
    await run(t, "echo go; cat" + ENTER, "go\r\n", false);      // the terminal is restored before the command runs
    await run(t, "typed" + BACKSPACE + ENTER, "typed\b \b\r\ntype\r\n", false);   // the kernel's echo and erase, cat's copy
    await run(t, CTRL("D"), "");                            // cat's end of file, then a prompt
    await run(t, "echo after cat" + ENTER, "after cat\r\n");
    expect(t.err()).not.toContain("never\r\n");
    t.type(CTRL("D"));
    await t.done;
    expect(t.m.exitOf(t.pid)?.code).toBe(0);
  }, 60_000);

  it("keeps the history in $HISTFILE", async () => {
    const t = await shell();
    await run(t, "HISTFILE=/h; echo set" + ENTER, "set\r\n");
    await run(t, "echo one" + ENTER, "one\r\n");
    await run(t, "cat /h" + ENTER, "echo one\r\ncat /h\r\n");
    t.type(CTRL("D"));
    await t.done;
  }, 60_000);
});
