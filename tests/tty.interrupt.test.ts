// Ctrl-C on the host's terminal (host/console.ts): a byte for the guest's tty, never the end of the
// machine by itself; a second Ctrl-C within INTR_WINDOW_MS while the first is unanswered (no process
// in the foreground group took it) ends the machine (Machine.interrupted; the CLI exits 130), and
// so does the first one with killOnInterrupt. A process killed by SIGINT while it slept in a read
// is retired: its parent's wait4 returns it (the shell goes on; tests/tty.shell.test.ts).
import { describe, it, expect } from "vitest";
import { openTerminal } from "./helpers/terminal";
import { testGuest } from "./helpers/machine";

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("Ctrl-C on the host's terminal", () => {
  it("is answered when it kills the foreground reader: the machine goes on to its end", async () => {
    const t = await openTerminal(await testGuest("ttyread.ts"), ["ttyread", "canon", "1"]);
    await t.waitErr("ready");
    t.type("\x03");
    await t.done;
    expect(t.m.exitOf(t.pid)).toMatchObject({ signal: 2 });
    expect(t.m.interrupted).toBe(false);
  });

  it("an unanswered one (an empty foreground group) does not end the machine; a second within a second does", async () => {
    const t = await openTerminal(await testGuest("ttyorphan.ts"), ["ttyorphan"]);
    await t.waitErr("ready");
    let ended = false;
    void t.done.then(() => { ended = true; });
    t.type("\x03");
    await pause(300);
    expect(ended).toBe(false);
    expect(t.out()).toBe("^C");
    t.type("\x03");
    await t.done;
    expect(t.m.interrupted).toBe(true);
    expect(t.m.exitOf(t.pid)).toMatchObject({ signal: 9 });
  });

  it("with killOnInterrupt the first one ends the machine", async () => {
    const t = await openTerminal(await testGuest("ttyread.ts"), ["ttyread", "canon", "1"], { killOnInterrupt: true });
    await t.waitErr("ready");
    t.type("\x03");
    await t.done;
    expect(t.m.interrupted).toBe(true);
    expect(t.m.exitOf(t.pid)).toMatchObject({ signal: 9 });
    expect(t.out()).toBe("");                 // the guest never saw it
  });
});
