// The terminal's ioctls (kernel/tty.ts, kernel/ioctl.ts) with a terminal behind the console
// (tests/guests/ttyctl.ts prints what it finds): isatty is true on the console's fds and ENOTTY on a
// pipe or a file; TCGETS gives Linux's defaults for a new terminal (tty_std_termios, the numbers
// below as Linux's headers spell them); TCSETS then TCGETS gives back the same record; the window
// size is the host's, and TIOCSWINSZ changes it; the foreground group is the process's own;
// FIONREAD counts a pipe's bytes and the console's ready line.
import { describe, it, expect } from "vitest";
import { openTerminal } from "./helpers/terminal";
import { testGuest } from "./helpers/machine";

describe("termios and the tty ioctls", () => {
  it("answer as on Linux", async () => {
    const t = await openTerminal(await testGuest("ttyctl.ts"), ["ttyctl"], { rows: 33, cols: 111, disk: undefined });
    await t.waitOut("type now");
    t.type("abc\r");
    await t.done;
    expect(t.m.exitOf(t.pid)?.code).toBe(0);
    expect(t.out().split("\r\n")).toEqual([
      "isatty 0 1 2: true true true",
      "TCGETS on a pipe: ENOTTY",
      "TCGETS on a file: ENOTTY",
      "TCGETS on a bad fd: EBADF",
      // ICRNL|IXON, OPOST|ONLCR, B38400|CS8|CREAD|HUPCL, ISIG|ICANON|ECHO|ECHOE|ECHOK|ECHOCTL|ECHOKE|IEXTEN
      "TCGETS: ok iflag 0x500 oflag 0x5 cflag 0x4bf lflag 0x8a3b",
      "c_cc: 3 28 127 21 4 0 1 0 17 19 26 0 18 15 23 22 0 0 0",   // INIT_C_CC
      "TCSETS: ok",
      "round trip: same",
      "TIOCGWINSZ: ok 33x111",
      "after TIOCSWINSZ: 50x132",
      "pgrp is mine: true, sid is mine: true",
      "FIONREAD pipe: ok 5",
      "FIONREAD console before: 0",
      "type now",
      "FIONREAD console after typing: 4",
      "",
    ]);
    expect(t.out()).not.toContain("abc");     // ECHO was turned off by the TCSETS above
  });
});
