// /proc's global files in Linux's formats, from the kernel's numbers: stat (cpu lines of ten tick
// counts, intr, ctxt, btime, processes = the last pid given, procs_running), uptime (two
// seconds.hundredths), loadavg (three averages, running/total, the last pid), version, vmstat
// (name value lines, no swap). The text reaches the reader in one counted, traced CPU copy
// (copy_to_user's kind proc_read) of exactly the bytes read; /dev/zero's bytes are dev_read copies.
import { expect, it } from "vitest";
import { cli } from "./helpers/cli";

it("stat, uptime, loadavg, version, vmstat: Linux's formats, one process running", () => {
  const r = cli("run", "/bin/sh", "-c", "cat /proc/stat; cat /proc/uptime; cat /proc/loadavg; cat /proc/version; cat /proc/vmstat");
  expect(r.status).toBe(0);
  const lines = r.stdout.trimEnd().split("\n");
  expect(lines[0]).toMatch(/^cpu {2}\d+ 0 \d+ \d+ 0 0 0 0 0 0$/);
  expect(lines[1]).toMatch(/^cpu0 \d+ 0 \d+ \d+ 0 0 0 0 0 0$/);
  expect(lines.slice(2, 8).map((l) => l.replace(/\d+$/, "N"))).toEqual(["intr N", "ctxt N", "btime N", "processes N", "procs_running N", "procs_blocked N"]);
  const processes = Number(lines[5].split(" ")[1]);
  expect(processes).toBe(2);                            // sh, and the cat reading it
  expect(lines[6]).toBe("procs_running 1");           // the reader itself (sh waits)
  expect(lines[8]).toMatch(/^\d+\.\d\d \d+\.\d\d$/);
  const load = /^(\d+\.\d\d) (\d+\.\d\d) (\d+\.\d\d) (\d+)\/(\d+) (\d+)$/.exec(lines[9]);
  expect(load).not.toBeNull();
  expect([load![4], load![5]]).toEqual(["1", "2"]);     // cat runs; sh sleeps in wait4
  expect(Number(load![6])).toBe(processes + 2);         // two more cats forked since
  expect(lines[10]).toMatch(/^Linux version \S+ /);
  const vm = Object.fromEntries(lines.slice(11).map((l) => l.split(" ")));
  expect(lines.slice(11).every((l) => /^[a-z_]+ \d+$/.test(l))).toBe(true);
  expect(vm.pswpin).toBe("0"); expect(vm.pswpout).toBe("0");
  expect(Number(vm.pgfault)).toBeGreaterThan(0);
  expect(Number(vm.nr_free_pages)).toBeGreaterThan(0);
});

it("the text is one counted copy, proc_read, of the bytes read; /dev/zero's are dev_read", () => {
  const r = cli("run", "--trace=copy", "/bin/cat", "/proc/version");
  expect(r.status).toBe(0);
  const copies = r.stderr.split("\n").filter((l) => l.includes("proc_read"));
  expect(copies).toHaveLength(1);
  expect(copies[0]).toMatch(new RegExp(`copy cpu proc_read ${Buffer.byteLength(r.stdout)} B kernel 0x[0-9a-f]+ -> user`));
  const z = cli("run", "--trace=copy", "/bin/head", "-c", "100", "/dev/zero");
  expect(z.status).toBe(0);
  expect(Buffer.from(z.stdout, "latin1").length).toBe(100);
  expect(z.stderr).toMatch(/copy cpu dev_read \d+ B kernel/);
});
