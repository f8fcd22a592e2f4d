// /bin/ps: the header line of each layout is procps ps's byte for byte (the host's ps prints the
// same header whatever its processes); the rows are the guest's process table, which the test
// knows: a shell with two background sleeps, and ps itself. Each sleep's pid (from $!), parent,
// group, session, state and command line; ps running (R), the shell a session leader (Ss).
import { afterAll, describe, expect, test } from "vitest";
import { spawnSync } from "node:child_process";
import { both, gnuFixture, hasTool } from "./helpers/gnu";
import { cli } from "./helpers/cli";

const fx = gnuFixture({ "x.txt": "x\n" });
afterAll(() => fx.cleanup());
const procps = hasTool("ps") && /procps/.test(spawnSync("ps", ["--version"], { encoding: "utf8" }).stdout);

describe.skipIf(!procps)("ps's headers as procps ps's", () => {
  test.each([[[]], [["-f"]], [["-j"]], [["aux"]], [["-e"]], [["-o", "pid,ppid,stat,comm,args"]],
    [["-o", "pid,pgid,sid,tty,time,etime,%cpu,%mem,vsz,rss,user,uid,ni,c,stime,start,s,state,tt,ucomm,command,cmd"]],
    [["-o", "pid=ID,comm=NAME"]], [["-o", "pid,comm,pid"]], [["-o", "pid", "-o", "args"]]])("ps %j", (argv) => {
    const { host, guest } = both(fx, ["ps", ...argv]);
    expect(guest.status).toBe(0);
    expect(guest.stdout.split("\n")[0]).toBe(host.stdout.split("\n")[0]);
  });
});

function rows(text: string): string[][] { return text.trimEnd().split("\n").slice(1).map((l) => l.trim().split(/\s+/)); }

test("ps lists the shell, its background sleeps and itself, with their ids, states and command lines", () => {
  const script = "sleep 100 & a=$!; sleep 50 & b=$!; echo $$ $a $b; ps -o pid,ppid,pgid,sid,stat,comm,args; echo; ps; echo; ps -f -p $a; echo; ps -o pid= -o comm= -p $b";
  const r = cli("run", "/bin/sh", "-c", script);
  expect(r.status).toBe(0);
  const [first, plain, full, one] = r.stdout.split("\n\n");
  const ids = first.slice(0, first.indexOf("\n")), table = first.slice(first.indexOf("\n") + 1);
  const [sh, a, b] = ids.split(" ").map(Number);
  const t = rows(table);
  expect(table.split("\n")[0]).toBe("  PID  PPID  PGID   SID STAT COMMAND         COMMAND");
  expect(t.map((x) => Number(x[0])).slice(0, 3)).toEqual([sh, a, b]);
  expect(t[0].slice(1, 6)).toEqual(["0", String(sh), String(sh), "Ss", "sh"]);
  expect(t[1]).toEqual([String(a), String(sh), String(sh), String(sh), "S", "sleep", "sleep", "100"]);
  expect(t[2]).toEqual([String(b), String(sh), String(sh), String(sh), "S", "sleep", "sleep", "50"]);
  expect(t[3].slice(4, 6)).toEqual(["R", "ps"]);                 // ps sees itself running
  expect(t).toHaveLength(4);
  expect(rows(plain).map((x) => [x[0], x[1], x[3]])).toEqual([[String(sh), "?", "sh"], [String(a), "?", "sleep"], [String(b), "?", "sleep"], [expect.any(String), "?", "ps"]]);
  expect(plain.split("\n")[1]).toMatch(new RegExp(`^ {0,4}${sh} \\? {8}00:00:00 sh$`));
  expect(rows(full)).toEqual([["root", String(a), String(sh), "0", "00:00", "?", "00:00:00", "sleep", "100"]]);
  expect(one).toBe(`${String(b).padStart(5)} sleep\n`);
});

test("ps -p of no process: the header only, status 1; a bad format: an error", () => {
  const r = cli("run", "/bin/ps", "-p", "77");
  expect(r).toEqual({ status: 1, stdout: "  PID TTY          TIME CMD\n", stderr: "" });
  const bad = cli("run", "/bin/ps", "-o", "pid,nosuch");
  expect(bad.status).toBe(1);
  expect(bad.stderr).toBe("ps: error: unknown user-defined format specifier \"nosuch\"\n");
  const help = cli("run", "/bin/ps", "--help");
  expect(help.status).toBe(0);
  expect(help.stdout).toMatch(/^Usage: ps /);
});

test("ps aux: every process, %MEM is RSS over MemTotal, VSZ and RSS in KiB", () => {
  const r = cli("run", "/bin/sh", "-c", "sleep 100 & ps aux; cat /proc/$!/status");
  const [table, status] = [r.stdout.slice(0, r.stdout.indexOf("Name:")), r.stdout.slice(r.stdout.indexOf("Name:"))];
  const sleep = rows(table).find((x) => x[10] === "sleep")!;
  const kb = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, "m").exec(status)?.[1]);
  expect(sleep.slice(0, 1)).toEqual(["root"]);
  expect(Number(sleep[4])).toBe(kb("VmSize"));
  expect(Number(sleep[5])).toBe(kb("VmRSS"));
  expect(sleep[3]).toBe((Math.floor(kb("VmRSS") * 1000 / 65536) / 10).toFixed(1));
  expect(sleep.slice(6, 8)).toEqual(["?", "S"]);
});
