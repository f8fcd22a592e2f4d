// `wasmos lab list|start|grade` and `wasmos run --kernel`: the list, usage errors (exit 2), and a
// kernel that does not compile: run exits 126 with asc's message, grade scores 0 with it (exit 1).
import { describe, expect, test, beforeAll, afterAll } from "vitest";
import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { tmpdir } from "node:os";
import { cli } from "./helpers/cli";
import { LABS } from "../host/lab/labs";

let tmp: string;
beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), "wasmos-labcli-"));
  mkdirSync(join(tmp, "broken", "kernel"), { recursive: true });
  writeFileSync(join(tmp, "broken", "kernel", "index.ts"), "export function boot(): i32 { return ; }\nlet x: i32 = ;\n");
  mkdirSync(join(tmp, "full"));
  writeFileSync(join(tmp, "full", "notes.txt"), "mine\n");
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe("wasmos lab", () => {
  test("list: every lab, in order, with its points", () => {
    const r = cli("lab", "list");
    expect(r.status).toBe(0);
    expect(r.stdout.trim().split("\n").map((l) => l.split(/\s+/)[0])).toEqual(LABS.map((l) => l.name));
    for (const l of LABS) expect(r.stdout).toContain(`${l.checks.reduce((a, c) => a + c.points, 0)} points  ${l.title}`);
  });

  test("a lab that does not exist is a usage error naming the labs", () => {
    const r = cli("lab", "grade", "nosuch");
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(`wasmos: no lab named 'nosuch' (the labs: ${LABS.map((l) => l.name).join(", ")})\n`);
  });

  test("start refuses a folder that is not empty", () => {
    const r = cli("lab", "start", "syscall", join(tmp, "full"));
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("the folder is not empty");
  });

  test("grade of a kernel that does not compile: 0 on every check, asc's message, exit 1", () => {
    const r = cli("lab", "grade", "syscall", join(tmp, "broken"), "--json");
    expect(r.status).toBe(1);
    const report = JSON.parse(r.stdout);
    expect(report.score).toBe(0);
    expect(report.max).toBe(100);
    expect(report.checks.every((c: { pass: boolean }) => !c.pass)).toBe(true);
    expect(report.error).toContain("the kernel does not compile");
    expect(report.error).toContain("ERROR TS1109: Expression expected.");
    expect(report.error).toContain("kernel/index.ts(2,14)");
  });
});

describe("wasmos run --kernel", () => {
  test("a kernel folder that does not compile: asc's message, exit 126", () => {
    const r = cli("run", "--kernel", join(tmp, "broken"), "/usr/demo/hello");
    expect(r.status).toBe(126);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain("the kernel does not compile:\nERROR TS1109: Expression expected.");
  });

  test("a kernel .wasm runs the program", () => {
    const r = cli("run", "--kernel", "dist/kernel.wasm", "/usr/demo/hello", "k");
    expect(r).toEqual({ status: 0, stdout: "hello, world\nargv[1]=k\n", stderr: "" });
  });

  test("a file that is not a kernel: exit 126 with the reason", () => {
    const r = cli("run", "--kernel", "package.json", "/usr/demo/hello");
    expect(r.status).toBe(126);
    expect(r.stderr).toContain("package.json: not a WebAssembly module");
  });
});
