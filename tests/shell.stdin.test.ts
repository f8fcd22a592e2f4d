// Without -c sh reads commands from stdin a line at a time and stops at end of input or `exit`.
// Here stdin is piped, not a terminal, so as with dash the shell is not interactive and writes no
// prompt unless -i makes it interactive: then PS1, by default '$PWD $ ' (the working directory,
// then "$ "), goes to stderr before each line, and a newline at the end of input. It reads its
// input a byte at a time, so a program it starts finds the rest of the input where it stopped.
// `sh FILE` runs a script without prompts. Built-ins cd and pwd work on the shell's own directory.
import { describe, it, expect } from "vitest";
import { Machine } from "../host/machine";
import { distGuest } from "./helpers/machine";

async function shStdin(input: string, argv: string[] = ["sh"]) {
  const out: Uint8Array[] = [], err: Uint8Array[] = [];
  const m = await Machine.create({ ramBytes: 16 << 20, stdin: new TextEncoder().encode(input),
    stdout: (b) => { out.push(b); }, stderr: (b) => { err.push(b); } });
  const pid = await m.spawn(distGuest("sh"), argv);
  await m.run();
  return { out: Buffer.concat(out).toString(), err: Buffer.concat(err).toString(), code: m.exitOf(pid)?.code };
}

describe("sh: commands from stdin", () => {
  it("runs the lines in order, without prompts: stdin is no terminal", async () => {
    const r = await shStdin("echo one\ncd /data\npwd\nls | wc\n");
    expect(r).toEqual({ out: "one\n/data\n      2       2      15\n", err: "", code: 0 });
  });

  it("with -i prompts before each line", async () => {
    const r = await shStdin("echo one\ncd /data\npwd\nls | wc\n", ["sh", "-i"]);
    expect(r).toEqual({ out: "one\n/data\n      2       2      15\n", err: "/ $ / $ /data $ /data $ /data $ \n", code: 0 });
  });

  it("stops at exit", async () => {
    const r = await shStdin("echo one\nexit 5\necho never\n");
    expect(r).toEqual({ out: "one\n", err: "", code: 5 });
  });

  it("a program it starts reads the rest of the input", async () => {
    const r = await shStdin("cat\nhello\nworld\n");
    expect(r).toEqual({ out: "hello\nworld\n", err: "", code: 0 });
  });

  it("sh FILE runs a script without prompts", async () => {
    const r = await shStdin("", ["sh", "-c", "echo 'echo from script; exit 4' > /s; sh /s; echo $?"]);
    expect(r).toEqual({ out: "from script\n4\n", err: "", code: 0 });
  });
});
