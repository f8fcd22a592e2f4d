// `wasmos lab list|start|grade`: coursework labs (docs/labs.md). `start NAME [DIR]` writes lab NAME's
// starter kernel into DIR (default ./NAME); `grade NAME [DIR]` (default ./NAME, or the current folder
// when it holds kernel/index.ts) compiles that kernel and runs the
// lab's checks, printing each with OK/FAIL and points and the score, as xv6's `make grade`
// (--json: the report as JSON, for grading many submissions; --solution: grade the shipped kernel).
// Exit 0 only at full marks, 1 otherwise (a kernel that does not compile scores 0 with asc's message).
import type { Command } from "commander";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { LABS, findLab } from "../lab/labs";
import { writeStarter } from "../lab/starter";
import { grade, failedReport, formatReport, type Report } from "../lab/grader";
import { loadKernel, KernelBuildError } from "../kernelbuild";
import { kernelWasm } from "../kernel";
import { EXIT_USAGE } from "../run";

export function register(program: Command): void {
  const lab = program.command("lab").description("coursework labs: list them, start one, grade your kernel (docs/labs.md)");
  lab.command("list").description("the labs, in the suggested order, with their points").action(() => {
    for (const l of LABS) {
      const points = l.checks.reduce((a, c) => a + c.points, 0);
      process.stdout.write(`${l.name.padEnd(10)} ${String(points).padStart(3)} points  ${l.title}\n`);
    }
  });
  lab.command("start").description("write a lab's starter kernel and README into a new folder")
    .argument("<name>", "the lab (wasmos lab list)").argument("[dir]", "the folder to create (default: ./NAME)")
    .action((name: string, dir: string | undefined) => {
      const l = usage(() => findLab(name));
      const to = dir ?? name;
      usage(() => writeStarter(l.name, to));
      process.stdout.write(`lab ${l.name}: the starter kernel is in ${to}/kernel; read ${to}/README.md.\n` +
        `Look for LAB(${l.name}) in the sources; grade with: wasmos lab grade ${l.name} ${to}\n`);
    });
  lab.command("grade").description("build a lab's kernel and run the lab's checks (exit 0 only at full marks)")
    .argument("<name>", "the lab").argument("[dir]", "the working folder, a kernel source folder or a kernel .wasm (default: ./NAME, or . when it holds kernel/)")
    .option("--json", "print the report as JSON (for grading many submissions)")
    .option("--solution", "grade the kernel wasmos ships (the solution) instead of a folder")
    .action(async (name: string, dir: string | undefined, o: { json?: boolean; solution?: boolean }) => {
      const l = usage(() => findLab(name));
      let report: Report;
      try {
        const kernel = o.solution ? kernelWasm() : await loadKernel(dir ?? defaultDir(name));
        report = await grade(l, kernel);
      } catch (e) {
        if (!(e instanceof KernelBuildError)) throw e;
        report = failedReport(l, e.message);
      }
      process.stdout.write(o.json ? JSON.stringify(report, null, 2) + "\n" : formatReport(report));
      process.exitCode = report.score === report.max ? 0 : 1;
    });
}

// Without DIR: ./NAME as `lab start` made it, or the current folder when the student works inside it.
function defaultDir(name: string): string {
  return existsSync(name) || !existsSync(join("kernel", "index.ts")) ? name : ".";
}

// A bad name or folder is a usage error (exit 2) with the reason.
function usage<T>(f: () => T): T {
  try { return f(); }
  catch (e) { process.stderr.write(`wasmos: ${(e as Error).message}\n`); process.exit(EXIT_USAGE); }
}
