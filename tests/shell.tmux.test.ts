// The shell's line editor in a real terminal: `wasmos run /bin/sh` in a tmux pane, keys sent by
// tmux send-keys as a terminal sends them (Left, Home, End, Up, Down, C-a, C-u...), the screen read
// by capture-pane. A line edited in the middle runs as edited; Up recalls the previous command and
// Enter runs it again; `history` lists them; `cat` still reads a line with the terminal's echo;
// Ctrl-D on an empty line ends the shell, and the pane's terminal is back in its own mode (echo).
// Skipped where tmux is not installed.
import { afterAll, describe, it, expect } from "vitest";
import { spawnSync } from "node:child_process";
import { projectRoot } from "../host/paths";

const haveTmux = spawnSync("tmux", ["-V"]).status === 0;
if (!haveTmux) console.warn("shell.tmux: skipped (no tmux)");
const session = `wasmos-sh-${process.pid}`;
const tmux = (...a: string[]) => spawnSync("tmux", a, { encoding: "utf8" });
const pane = () => tmux("capture-pane", "-p", "-t", session).stdout;
const keys = (...k: string[]) => tmux("send-keys", "-t", session, ...k);
afterAll(() => { if (haveTmux) tmux("kill-session", "-t", session); });

async function until(what: string, f: (s: string) => boolean, ms = 30_000): Promise<void> {
  for (const t0 = Date.now(); !f(pane()); await new Promise((r) => setTimeout(r, 50))) {
    if (Date.now() - t0 > ms) throw new Error(`tmux: waiting for ${what}; the pane:\n${pane()}`);
  }
}
const PS1 = "/ $";                  // the shell's default PS1, "$PWD $ ", trimmed, started in /
const lines = (s: string) => s.split("\n").map((l) => l.trimEnd()).filter((l) => l !== "");
const last = (s: string) => lines(s).at(-1);

describe.skipIf(!haveTmux)("sh's line editor in a real terminal (tmux)", () => {
  it("edits, recalls, lists history, and restores the terminal", async () => {
    const cmd = `cd ${projectRoot()} && node dist/cli.mjs run /bin/sh; echo "EXIT=$?"; stty -a | grep -o -- '-\\?echo ' | head -1; sleep 60`;
    expect(tmux("new-session", "-d", "-s", session, "-x", "100", "-y", "30", cmd).status).toBe(0);
    await until("the prompt", (s) => last(s) === PS1);
    keys("echo wrld", "Left", "Left", "Left", "o", "End", "!", "Enter");
    await until("the edited line's output", (s) => lines(s).includes("world!") && last(s) === PS1);
    keys("cho again", "Home", "e", "C-e", " x", "Enter");
    await until("the second output", (s) => lines(s).includes("again x") && last(s) === PS1);
    keys("Up", "Up", "Down", "Enter");
    await until("the recalled command's output", (s) => lines(s).filter((l) => l === "again x").length === 2 && last(s) === PS1);
    keys("junk", "C-u", "history", "Enter");
    await until("the history", (s) => lines(s).includes("    4  history") && last(s) === PS1);
    keys("cat", "Enter");
    await until("cat", (s) => last(s) === `${PS1} cat`);
    keys("hi", "Enter");
    await until("cat's copy", (s) => lines(s).filter((l) => l === "hi").length === 2);
    keys("C-d");
    await until("the prompt after cat", (s) => last(s) === PS1);
    keys("C-d");
    await until("the exit", (s) => s.includes("EXIT=") && /echo/.test(s.slice(s.indexOf("EXIT="))));
    expect(lines(pane())).toEqual([`${PS1} echo world!`, "world!", `${PS1} echo again x`, "again x",
      `${PS1} echo again x`, "again x", `${PS1} history`, "    1  echo world!", "    2  echo again x",
      "    3  echo again x", "    4  history", `${PS1} cat`, "hi", "hi", PS1, "EXIT=0", "echo"]);
  }, 120_000);
});
