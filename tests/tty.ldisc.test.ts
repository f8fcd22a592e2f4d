// The line discipline (kernel/tty.ts) with a terminal behind the console: bytes typed through the
// host's console (tests/helpers/terminal.ts) against what the guest reads (tests/guests/ttyread.ts
// reports each read on stderr) and what the kernel echoes (stdout): canonical editing, ICRNL and
// ONLCR, Ctrl-D as end of file for one read, non-canonical reads, no echo, ISIG, and the echo as a
// traced copy. Without a terminal the input passes through unchanged and unechoed.
import { describe, it, expect } from "vitest";
import { openTerminal } from "./helpers/terminal";
import { testGuest, run } from "./helpers/machine";
import { Machine } from "../host/machine";
import { TraceClass } from "../kernel/abi/trace";
import type { TraceEvent } from "../host/trace";

const reads = (err: string) => err.split(/\r?\n/).filter((l) => l.startsWith("read "));

async function session(mode: string, count: number, keys: string[], opts = {}) {
  const t = await openTerminal(await testGuest("ttyread.ts"), ["ttyread", mode, String(count)], opts);
  await t.waitErr("ready");
  for (const [i, k] of keys.entries()) {
    t.type(k);
    if (i + 1 < keys.length) await waitReads(t, i + 1);
  }
  await t.done;
  return { t, reads: reads(t.err()), echo: t.out(), exit: t.m.exitOf(t.pid) };
}

// Each key group is typed once the guest has made the reads the earlier groups allow.
async function waitReads(t: { err(): string }, n: number) {
  for (const t0 = Date.now(); reads(t.err()).length < n; await new Promise((r) => setTimeout(r, 5))) {
    if (Date.now() - t0 > 10_000) throw new Error(`only ${reads(t.err()).length} reads: ${t.err()}`);
  }
}

describe("line discipline: canonical mode", () => {
  it("a line is read when Enter (CR, made NL by ICRNL) ends it; the echo writes NL as CR NL", async () => {
    const s = await session("canon", 1, ["hello\r"]);
    expect(s.reads).toEqual(['read 6 "hello\\x0a"']);
    expect(s.echo).toBe("hello\r\n");
  });

  it("ERASE (DEL) takes back a character and rubs it out on the screen", async () => {
    const s = await session("canon", 1, ["abx\x7fc\r"]);
    expect(s.reads).toEqual(['read 4 "abc\\x0a"']);
    expect(s.echo).toBe("abx\b \bc\r\n");
  });

  it("KILL (Ctrl-U) drops the line; WERASE (Ctrl-W) the last word", async () => {
    const s = await session("canon", 2, ["junk\x15ok\r", "one two\x17three\r"]);
    expect(s.reads).toEqual(['read 3 "ok\\x0a"', 'read 10 "one three\\x0a"']);
    expect(s.echo.startsWith("junk" + "\b \b".repeat(4) + "ok\r\n")).toBe(true);
  });

  it("Ctrl-D ends one read: after text it returns the text, alone it is end of file, and the next read waits again", async () => {
    const s = await session("canon", 3, ["abc\x04", "\x04", "more\r"]);
    expect(s.reads).toEqual(['read 3 "abc"', 'read 0 ""', 'read 5 "more\\x0a"']);
    expect(s.echo).toBe("abcmore\r\n");                     // Ctrl-D is not echoed
  });

  it("a read gets at most one line, and no more than it asked for", async () => {
    const s = await session("canon", 2, ["one\rtwo\r"]);
    expect(s.reads).toEqual(['read 4 "one\\x0a"', 'read 4 "two\\x0a"']);
  });

  it("control characters echo as ^X (ECHOCTL)", async () => {
    const s = await session("canon", 1, ["a\x01b\r"]);
    expect(s.reads).toEqual(['read 4 "a\\x01b\\x0a"']);
    expect(s.echo).toBe("a^Ab\r\n");
  });
});

describe("line discipline: other modes", () => {
  it("raw (ICANON, ECHO off, VMIN 1): each byte is read as it comes, nothing is echoed", async () => {
    const s = await session("raw", 3, ["a", "\r", "\x7f"]);
    expect(s.reads).toEqual(['read 1 "a"', 'read 1 "\\x0a"', 'read 1 "\\x7f"']);
    expect(s.echo).toBe("");
  });

  it("VMIN 0: a read with nothing typed returns 0 at once", async () => {
    const s = await session("vmin0", 2, []);
    expect(s.reads).toEqual(['read 0 ""', 'read 0 ""']);
  });

  it("ECHO off: the line is read, nothing is shown", async () => {
    const s = await session("noecho", 1, ["secret\r"]);
    expect(s.reads).toEqual(['read 7 "secret\\x0a"']);
    expect(s.echo).toBe("");
  });

  it("ISIG off: Ctrl-C is a character", async () => {
    const s = await session("nosig", 1, ["a\x03\r"]);
    expect(s.reads).toEqual(['read 3 "a\\x03\\x0a"']);
    expect(s.echo).toBe("a^C\r\n");
  });
});

describe("line discipline: signals", () => {
  it("Ctrl-C kills the reader in the foreground group with SIGINT, echoed as ^C", async () => {
    const s = await session("canon", 1, ["abc\x03"]);
    expect(s.exit).toMatchObject({ signal: 2 });
    expect(s.reads).toEqual([]);
    expect(s.echo).toBe("abc^C");
  });

  it("Ctrl-\\ sends SIGQUIT", async () => {
    const s = await session("canon", 1, ["\x1c"]);
    expect(s.exit).toMatchObject({ signal: 3 });
    expect(s.echo).toBe("^\\");
  });
});

describe("line discipline: echo is a traced copy", () => {
  it("every echoed byte is counted in tty_echo copies", async () => {
    const events: TraceEvent[] = [];
    const s = await session("canon", 1, ["ab\x7fc\r"], { traceMask: TraceClass.copy, onEvent: (e: TraceEvent) => events.push(e) });
    const echoed = events.filter((e) => e.type === "copy" && e.routine === "tty_echo");
    expect(echoed.length).toBeGreaterThan(0);
    expect(echoed.reduce((n, e) => n + (e.type === "copy" ? e.bytes : 0), 0)).toBe(Buffer.byteLength(s.echo, "latin1") - 1);  // ONLCR's CR is added on the way out
  });
});

describe("console without a terminal", () => {
  it("input passes through as it came (no editing, no echo, no CR NL), and the console is no tty", async () => {
    const m = await Machine.create({ ramBytes: 16 << 20, disk: null, net: null, stdin: Buffer.from("ab\x7fc\r\x03\n"),
      stdout: (b) => out.push(Buffer.from(b)), stderr: (b) => err.push(Buffer.from(b)) });
    const out: Buffer[] = [], err: Buffer[] = [];
    const pid = await m.spawn(await testGuest("ttyread.ts"), ["ttyread", "canon", "2"]);
    await m.run();
    expect(reads(Buffer.concat(err).toString("latin1"))).toEqual(['read 7 "ab\\x7fc\\x0d\\x03\\x0a"', 'read 0 ""']);
    expect(Buffer.concat(out).length).toBe(0);
    expect(m.exitOf(pid)?.code).toBe(0);
    const r = await run(await testGuest("ttyread.ts"), ["ttyread", "raw", "1"]);
    expect(r.stderr).toBe("tcgetattr: ENOTTY\n");
    expect(r.exit.code).toBe(1);
  });
});
