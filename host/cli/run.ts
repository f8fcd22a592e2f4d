// `wasmos run <program> [args...]`: boot a machine, run one program to completion, exit with its
// status (128 + N when killed by signal N; 124 when --timeout ran out; 123 when every process hung, asleep with
// nothing to wake it (the hung tasks are listed on stderr); 130 when Ctrl-C ended it; 125 on a kernel panic;
// 126 when the program or the --kernel cannot be loaded (a kernel that does not compile: asc's message),
// 127 when there is no such program, 2 on a usage error), optionally tracing and summarising.
// A name without a slash is a program in the guest's /bin.
import type { Command } from "commander";
import { runProgram, parseSize, parseTraceClasses, parseInspectAt, type RunOptions,
  EXIT_TIMEOUT, EXIT_HUNG, EXIT_PANIC, EXIT_CANNOT_RUN, EXIT_NOT_FOUND, EXIT_INTERRUPT, EXIT_USAGE } from "../run";
import { loadKernel, KernelBuildError } from "../kernelbuild";
import { loadCostModel } from "../costmodel";
import { parseViews } from "../snapshot";
import { TraceClass } from "../../kernel/abi/trace";

export function registerRun(program: Command): void {
  program.command("run").description("run a guest program: a host .wasm file, or a path on the guest file system")
    .argument("<program>", "a host file ending in .wasm, or a guest path such as /bin/cat")
    .argument("[args...]", "arguments passed to the guest")
    .option("--trace [classes]", "trace events: syscall,copy,fault,irq,sched,all (default syscall, as strace)")
    .option("--trace-file <file>", "write the trace to FILE instead of stderr (alone: trace all)")
    .option("--format <fmt>", "trace format: text or jsonl", "text")
    .option("--summary", "print a strace -c style table and copy totals on stderr at exit")
    .option("--stats <file>", "write the run's counters as JSON to FILE (- for stdout)")
    .option("--ram <size>", "physical RAM, 8M to 4G, e.g. 64M (host memory is used only as the guests touch it)", "64M")
    .option("--disk <image>", "boot from this wsfs image file (changes are written to it)")
    .option("--drop-caches", "empty the page cache before the program starts (a cold cache)")
    .option("--nic <features>", "NIC features, e.g. sg=off,tso=on,event_idx=off (all on by default)")
    .option("--hostfwd <rule>", "forward a real host port to a guest port: tcp:127.0.0.1:8080-:80 (repeatable)", collect, [])
    .option("--guestfwd <rule>", "let the guest reach a real host port: tcp:10.0.2.2:5000-127.0.0.1:5000 (repeatable)", collect, [])
    .option("--pcap <file>", "record every frame on the virtual wire (pcap, for Wireshark/tshark)")
    .option("--cost-model <file>", "a JSON file of virtual-time costs (docs/cost-model.md)")
    .option("--perfetto <file>", "write a Chrome/Perfetto trace (JSON) of the run, for ui.perfetto.dev")
    .option("--inspect <views>", "print what is inside the machine on stderr: mem,procs,maps,pagetable,tlb,pagecache,pipes or all")
    .option("--timeout <seconds>", "wall-clock limit: then every process is killed and wasmos exits 124 (as timeout(1))")
    .option("--env <K=V>", "set an environment variable of the program (repeatable)", collect, [])
    .option("--dir <path>", "WASI: preopen this directory of the guest's image too (repeatable; \"/\" is always fd 3)", collect, [])
    .option("--no-root", "WASI: do not preopen the file system's root as fd 3 (as wasmtime without --dir)")
    .option("--seed <n>", "seed of the kernel's random numbers, getrandom and WASI random_get (the same seed gives the same bytes)")
    .option("--kill-on-interrupt", "with a terminal: Ctrl-C ends the machine at once (exit 130) instead of going to the guest")
    .option("--inspect-at <when>", "when to print --inspect: end (default), or a syscall name: after each return of that call")
    .option("--kernel <dir|file>", "run on another kernel: a kernel source folder (compiled with asc, e.g. a lab's working copy) or a kernel .wasm")
    .addHelpText("after", EXIT_HELP)
    .passThroughOptions()
    .action(async (prog: string, args: string[], o: Record<string, string | boolean | undefined>) => {
      if (typeof o.trace === "string" && !isTraceClasses(o.trace)) {   // `--trace cat x`: cat is the program
        [prog, args] = [o.trace, [prog, ...args]];
        o.trace = true;
      }
      const opts: RunOptions = {
        ramBytes: parseSize(String(o.ram)),
        trace: traceMask(o.trace, o.traceFile !== undefined),
        traceFile: o.traceFile as string | undefined,
        format: o.format === "jsonl" ? "jsonl" : o.format === "text" ? "text" : badFormat(String(o.format)),
        summary: !!o.summary,
        statsFile: o.stats as string | undefined,
        disk: o.disk as string | undefined,
        dropCaches: !!o.dropCaches,
        costModel: o.costModel === undefined ? undefined : loadCostModel(String(o.costModel)),
        perfetto: o.perfetto as string | undefined,
        inspect: o.inspect === undefined ? undefined : parseViews(String(o.inspect)),
        inspectAt: o.inspectAt as string | undefined,
        timeoutSec: o.timeout === undefined ? undefined : parseSeconds(String(o.timeout)),
        env: parseEnv(o.env as unknown as string[]),
        dirs: parseDirs(o.dir as unknown as string[]),
        noRoot: o.root === false,
        seed: o.seed === undefined ? undefined : parseSeed(String(o.seed)),
        killOnInterrupt: !!o.killOnInterrupt,
        net: { ...parseNic(o.nic as string | undefined), hostfwd: o.hostfwd as string[] | undefined,
          guestfwd: o.guestfwd as string[] | undefined, pcap: o.pcap as string | undefined },
      };
      if (opts.inspect) opts.inspectAt = parseInspectAt(String(o.inspectAt ?? "end"), opts.trace);
      if (o.kernel !== undefined) {
        try { opts.kernel = await loadKernel(String(o.kernel)); }
        catch (e) {
          if (!(e instanceof KernelBuildError)) throw e;
          process.stderr.write(`wasmos: ${e.message}\n`);
          process.exitCode = EXIT_CANNOT_RUN;
          return;
        }
      }
      const code = await runProgram(prog, args, opts);
      process.exitCode = code;
    });
}

const EXIT_HELP = `
Exit status: the program's; 128 + N when it died by signal N; ${EXIT_TIMEOUT} when --timeout ran out;
${EXIT_HUNG} when every process hung (asleep with nothing that could wake it: each is listed on stderr
with its pid and wait channel, as Linux's hung-task report, then killed); ${EXIT_PANIC} on a kernel panic;
${EXIT_CANNOT_RUN} when the program or the --kernel cannot be loaded (a kernel that does not compile: asc's message); ${EXIT_NOT_FOUND} when there is no such program;
${EXIT_INTERRUPT} when Ctrl-C ended the machine; ${EXIT_USAGE} on a usage error.`;

function collect(v: string, prev: string[]): string[] { return [...prev, v]; }

// --trace alone is syscall tracing (as strace); --trace-file alone traces every class.
function traceMask(trace: string | boolean | undefined, toFile: boolean): number {
  if (trace === undefined) return toFile ? TraceClass.all : 0;
  return parseTraceClasses(trace === true ? "syscall" : String(trace));
}

function isTraceClasses(s: string): boolean {
  try { parseTraceClasses(s); return true; } catch { return false; }
}

function parseSeconds(s: string): number {
  const n = Number(s);
  if (!/^\d+(\.\d+)?$/.test(s.trim()) || !(n > 0)) throw new Error(`--timeout ${s}: a number of seconds greater than 0, e.g. 10 or 2.5`);
  return n;
}

function parseEnv(list: string[]): string[] {
  for (const e of list) if (!/^[^=]+=/.test(e)) throw new Error(`--env ${e}: use NAME=VALUE`);
  return list;
}

function parseDirs(list: string[]): string[] {
  for (const d of list) if (!d.startsWith("/")) throw new Error(`--dir ${d}: an absolute path in the guest's image, e.g. /data`);
  return list.map((d) => (d.length > 1 ? d.replace(/\/+$/, "") : d));
}

function parseSeed(s: string): bigint {
  if (!/^\d+$/.test(s.trim())) throw new Error(`--seed ${s}: a whole number, e.g. 42`);
  return BigInt(s.trim());
}

function badFormat(f: string): never { throw new Error(`unknown trace format '${f}' (use text or jsonl)`); }

// "sg=off,tso=on,event_idx=off" -> { sg: false, tso: true, eventIdx: false }
export function parseNic(spec: string | undefined): { sg?: boolean; tso?: boolean; eventIdx?: boolean } {
  const out: { sg?: boolean; tso?: boolean; eventIdx?: boolean } = {};
  for (const part of (spec ?? "").split(",").filter(Boolean)) {
    const m = /^(sg|tso|event_idx)=(on|off)$/.exec(part.trim());
    if (!m) throw new Error(`--nic ${spec}: use sg=on|off, tso=on|off and event_idx=on|off, separated by commas`);
    out[m[1] === "event_idx" ? "eventIdx" : (m[1] as "sg" | "tso")] = m[2] === "on";
  }
  return out;
}
