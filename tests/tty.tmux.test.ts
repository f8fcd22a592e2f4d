// The real terminal: `wasmos run /bin/sh` in a tmux pane (so its stdin is a TTY the host puts in raw
// mode), driven by tmux send-keys and read by capture-pane: Ctrl-C at the prompt gives a new
// prompt, `cat` ends at Ctrl-D, a running `cat` is killed by Ctrl-C and the shell goes on, `exit 3`
// ends the machine with status 3, and the pane's terminal is back in its own mode (echo on) after.
// Skipped where tmux is not installed.
import { afterAll, describe, it, expect } from "vitest";
import { spawnSync } from "node:child_process";
import { projectRoot } from "../host/paths";

const haveTmux = spawnSync("tmux", ["-V"]).status === 0;
if (!haveTmux) console.warn("tty.tmux: skipped (no tmux)");
const session = `wasmos-tty-${process.pid}`;
const tmux = (...a: string[]) => spawnSync("tmux", a, { encoding: "utf8" });
const pane = () => tmux("capture-pane", "-p", "-t", session).stdout;
afterAll(() => { if (haveTmux) tmux("kill-session", "-t", session); });

async function until(what: string, f: (s: string) => boolean, ms = 30_000): Promise<void> {
  for (const t0 = Date.now(); !f(pane()); await new Promise((r) => setTimeout(r, 50))) {
    if (Date.now() - t0 > ms) throw new Error(`tmux: waiting for ${what}; the pane:\n${pane()}`);
  }
}
const PS1 = "/ $";                  // the shell's default PS1, "$PWD $ ", trimmed, started in /
const lines = (s: string) => s.split("\n").map((l) => l.trimEnd()).filter((l) => l !== "");

describe.skipIf(!haveTmux)("sh in a real terminal (tmux)", () => {
  it("Ctrl-C, Ctrl-D, exit 3, and the terminal restored", async () => {
    const cmd = `cd ${projectRoot()} && node dist/cli.mjs run /bin/sh; echo "EXIT=$?"; stty -a | grep -o -- '-\\?echo ' | head -1; sleep 60`;
    expect(tmux("new-session", "-d", "-s", session, "-x", "100", "-y", "30", cmd).status).toBe(0);
    await until("the prompt", (s) => lines(s).at(-1) === PS1);
    tmux("send-keys", "-t", session, "abc", "C-c");
    await until("a new prompt", (s) => lines(s).length === 2);
    tmux("send-keys", "-t", session, "cat", "Enter");
    await until("cat", (s) => lines(s).at(-1) === `${PS1} cat`);
    tmux("send-keys", "-t", session, "hello", "Enter");
    await until("cat's copy", (s) => lines(s).filter((l) => l === "hello").length === 2);
    tmux("send-keys", "-t", session, "C-d");
    await until("the prompt after cat", (s) => lines(s).at(-1) === PS1);
    tmux("send-keys", "-t", session, "cat", "Enter");
    await until("cat again", (s) => lines(s).at(-1) === `${PS1} cat`);
    tmux("send-keys", "-t", session, "C-c");
    await until("the prompt after Ctrl-C", (s) => lines(s).at(-1) === PS1);
    tmux("send-keys", "-t", session, "exit 3", "Enter");
    await until("the exit", (s) => s.includes("EXIT=") && /echo/.test(s.slice(s.indexOf("EXIT="))));
    expect(lines(pane())).toEqual([`${PS1} abc^C`, `${PS1} cat`, "hello", "hello", `${PS1} cat`, "^C", `${PS1} exit 3`, "EXIT=3", "echo"]);
  }, 120_000);
});
