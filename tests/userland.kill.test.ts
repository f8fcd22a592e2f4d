// /bin/kill against procps kill: the listings and messages byte for byte with the host's kill
// (on a pid above Linux's PID_MAX_LIMIT, so the host's kill reaches no process), and signals
// really delivered to the shell's background jobs: the wait status says which signal ended each,
// and a negative pid ends a whole process group.
import { execSync } from "node:child_process";
import { afterAll, describe, expect, test } from "vitest";
import { both, gnuFixture, hasTool } from "./helpers/gnu";
import { cli } from "./helpers/cli";
import { openTerminal } from "./helpers/terminal";

const NO_PID = "4194305";          // above PID_MAX_LIMIT: no process on any Linux
const fx = gnuFixture({ "x.txt": "x\n" });
afterAll(() => fx.cleanup());

const procpsKill = hasTool("kill") && /procps/.test(execSync("env kill -V 2>&1 || true", { shell: "/bin/sh" }).toString());

describe.skipIf(!procpsKill)("kill as procps kill", () => {
  test.each([["-l"], ["-L"], ["-l", "TERM"], ["-l", "9"], ["-l", "sigkill"], ["--list=15"], [NO_PID],
    ["-9", NO_PID], ["-KILL", NO_PID, NO_PID], ["-SIGINT", NO_PID], ["-s", "hup", NO_PID], ["-sUSR1", NO_PID],
    ["--signal", "TERM", NO_PID], ["--signal=0", NO_PID], ["-0", NO_PID], ["--", `-${NO_PID}`], ["abc"], ["-9", "1x"]])("kill %s", (...argv) => {
    const { host, guest } = both(fx, ["kill", ...argv]);
    expect(guest).toEqual(host);
  });
});

test("usage errors: a bad option, no pid; --help", () => {
  const bad = both(fx, ["kill", "-FOO", NO_PID]).guest;
  expect(bad.status).toBe(1);
  expect(bad.stderr).toMatch(/^kill: invalid argument F\n\nUsage:\n kill \[options\] <pid> \[\.\.\.\]\n/);
  const none = both(fx, ["kill", "-9"]).guest;
  expect(none.status).toBe(1);
  expect(none.stderr).toMatch(/^\nUsage:\n kill /);
  const help = both(fx, ["kill", "--help"]).guest;
  expect(help.status).toBe(0);
  expect(help.stdout).toMatch(/^Usage: kill /);
  expect(both(fx, ["kill", "-l", "143"]).guest.stdout).toBe("TERM\n");          // an exit status names its signal
});

test("the signal reaches a background job: wait reports 128+N", () => {
  const script = "sleep 100 & p=$!; /bin/kill $p; wait $p; echo TERM $?;" +
    "sleep 100 & p=$!; /bin/kill -9 $p; wait $p; echo KILL $?;" +
    "sleep 100 & p=$!; /bin/kill -s INT $p; wait $p; echo INT $?;" +
    "sleep 100 & p=$!; /bin/kill -USR1 $p; wait $p; echo USR1 $?;" +
    "sleep 100 & p=$!; /bin/kill -0 $p; echo probe $?; /bin/kill -TERM $p $p; echo twice $?; wait $p; echo $?";
  const r = cli("run", "/bin/sh", "-c", script);
  expect(r.stdout).toBe("TERM 143\nKILL 137\nINT 130\nUSR1 138\nprobe 0\ntwice 0\n143\n");
  expect(r.status).toBe(0);
});

test("a dead pid: No such process, status 1, the other pids still get the signal", () => {
  const r = cli("run", "/bin/sh", "-c", "sleep 100 & p=$!; /bin/kill 77 $p; echo st $?; wait $p; echo $?");
  expect(r.stdout).toBe("st 1\n143\n");
  expect(r.stderr).toBe("kill: (77): No such process\n");
});

test("kill -- -PGID ends every process of a job's group (sh with job control at a terminal)", async () => {
  // At a terminal the shell puts a pipeline's processes in a group of their own, led by the first.
  const t = await openTerminal("/bin/sh", ["sh"], { disk: undefined });
  const inGroup = "$(cut -d' ' -f5 /proc/[0-9]*/stat | grep -c \"^$pg\\$\")";
  // All three lines are typed at once: the shell reads each as the last ends, before the machine
  // idles with the shell waiting at the terminal (then the virtual clock would move on to the
  // sleeps' end, host/realtime.ts rule 1, and the group would be gone before kill runs).
  t.type("sleep 100 | sleep 100 &\r" +
    `sleep 1; pg=$(grep '(sleep)' /proc/[0-9]*/stat | head -n 1 | cut -d' ' -f5); echo group ${inGroup} leader $(cut -d' ' -f2 /proc/$pg/stat)\r` +
    `/bin/kill -TERM -- -$pg; echo st $?; wait; echo left ${inGroup}\r`);
  await t.waitOut("left ");
  t.type("exit 0\r");
  await t.done;
  expect(t.out()).toMatch(/group 2 leader \(sleep\)\r\n/);
  expect(t.out()).toMatch(/st 0\r\n(.|\r\n)*left 0\r\n/);
  expect(t.m.exitOf(t.pid)?.code).toBe(0);                 // the shell, in another group, lives on
});
