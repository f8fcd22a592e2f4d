// kernel/syscall.ts's table (number -> handler) against kernel/abi/syscalls.ts's Sys: one line per
// name of Sys and no other, each naming its own handler (sys_<name>, or sys_ni_syscall for the
// numbers we leave unimplemented); and at run time, exactly the numbers without a handler are ENOSYS.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { Sys, NSYSCALL } from "../kernel/abi/syscalls";
import { projectRoot } from "../host/paths";
import { run, testGuest } from "./helpers/machine";

const ENTRY = /^\s*on\(t, Sys\.(\w+),\s*(\w+)\);/;

/** The table as written: the lines `on(t, Sys.<name>, <handler>);` of kernel/syscall.ts. */
function tableLines(): { name: string; handler: string }[] {
  const src = readFileSync(join(projectRoot(), "kernel", "syscall.ts"), "utf8");
  return src.split("\n").flatMap((l) => { const m = ENTRY.exec(l); return m ? [{ name: m[1], handler: m[2] }] : []; });
}

const sysNames = Object.keys(Sys).filter((k) => isNaN(Number(k)));

describe("the system call table", () => {
  const lines = tableLines();

  it("has one line for every name of Sys, and none for anything else", () => {
    const names = lines.map((l) => l.name);
    expect(names.filter((n) => !sysNames.includes(n))).toEqual([]);
    expect(sysNames.filter((n) => !names.includes(n))).toEqual([]);
    expect(names.filter((n, i) => names.indexOf(n) !== i)).toEqual([]);
  });

  it("maps each name to the handler of the same name, or to sys_ni_syscall", () => {
    const wrong = lines.filter((l) => l.handler !== `sys_${l.name}` && l.handler !== "sys_ni_syscall");
    expect(wrong).toEqual([]);
  });

  it("answers ENOSYS for exactly the numbers without a handler", async () => {
    const unimplemented = new Set(lines.filter((l) => l.handler === "sys_ni_syscall").map((l) => l.name));
    const handled = new Set(sysNames.filter((n) => !unimplemented.has(n)).map((n) => Sys[n as keyof typeof Sys]));
    const expected: number[] = [];
    for (let nr = -2; nr < NSYSCALL + 2; nr++) {
      if (nr !== Sys.exit && nr !== Sys.exit_group && !handled.has(nr)) expected.push(nr);
    }
    const r = await run(await testGuest("sysnums.ts"), ["sysnums"]);
    expect(r.exit.code).toBe(0);
    expect(r.stdout.trim().split(" ").map(Number)).toEqual(expected);
  });
});
