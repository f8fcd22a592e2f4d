// `wasmos fuzz [--seed N] [--programs N | --syscalls N] [--time S] [--calls-per-program N]`: the
// syscall fuzzer (host/fuzz). Runs seeded random programs, each on a fresh machine under a
// watchdog, and checks the invariants after each; prints progress and throughput on stderr, then
// totals, failures counted by signature, and the first failure of each signature with its
// minimised program (strace-like); --tests FILE writes them as ready-to-paste tests.
// `--program-seed N` runs (and minimises) one program. Exit 1 on any failure.
import type { Command } from "commander";
import { writeFileSync } from "node:fs";
import { fuzz, openPool, type Failure, type Summary } from "../fuzz/campaign";
import { generate } from "../fuzz/gen";
import { encode } from "../fuzz/program";
import { minimise } from "../fuzz/minimise";
import { formatProgram, testSource } from "../fuzz/print";
import { Sys } from "../../kernel/abi/syscalls";

interface Opts {
  seed: string; programs?: string; syscalls?: string; time?: string; callsPerProgram: string; timeout: string;
  ram: string; only?: string; exclude?: string; programSeed?: string; tests?: string; minimise: boolean; maxFailures: string;
}

const int = (s: string, what: string) => {
  const n = Number(s);
  if (!Number.isSafeInteger(n) || n < 0) throw new Error(`fuzz: ${what} must be a whole number (got ${s})`);
  return n;
};
const calls = (list: string | undefined) => list?.split(",").map((n) => {
  const nr = Sys[n.trim() as keyof typeof Sys];
  if (nr === undefined) throw new Error(`fuzz: unknown syscall ${n}`);
  return nr;
});

function report(f: Failure, out: (s: string) => void): void {
  out(`\n${f.kind} in program ${f.index} (--program-seed ${f.programSeed}): ${f.detail}\n`);
  out(`minimised to ${f.minimised.calls.length} of ${f.program.calls.length} calls:\n`);
  out(f.text.split("\n").map((l) => `  ${l}\n`).join(""));
}

function totals(s: Summary): string {
  const rate = s.syscalls / (s.wallMs / 1000);
  const kinds = Object.entries(s.byKind).map(([k, n]) => `${k} ${n}`).join(", ") || "none";
  return `${s.programs} programs, ${s.calls} generated calls, ${s.syscalls} syscalls in ${(s.wallMs / 1000).toFixed(1)} s ` +
    `(${Math.round(rate)} syscalls/s); failures: ${kinds}\n`;
}

export function register(program: Command): void {
  program.command("fuzz").description("run the syscall fuzzer: random programs, invariants checked after each")
    .option("--seed <n>", "campaign seed", "1")
    .option("--programs <n>", "stop after this many programs")
    .option("--syscalls <n>", "stop after this many syscalls")
    .option("--time <s>", "stop after this many seconds")
    .option("--calls-per-program <n>", "calls in each program", "200")
    .option("--timeout <s>", "wall time a program may take before it counts as a hang", "20")
    .option("--ram <mib>", "RAM of each machine", "16")
    .option("--only <calls>", "generate only these syscalls (comma-separated names)")
    .option("--exclude <calls>", "never generate these syscalls")
    .option("--program-seed <n>", "run only the program of this seed (and minimise it if it fails)")
    .option("--tests <file>", "write the reproducer tests of the failures to this file")
    .option("--max-failures <n>", "stop after this many failures", "20")
    .option("--no-minimise", "report failing programs as generated")
    .action(async (o: Opts) => {
      const gen = { calls: int(o.callsPerProgram, "--calls-per-program"), only: calls(o.only), exclude: calls(o.exclude) };
      const run = { ramBytes: int(o.ram, "--ram") << 20, timeoutMs: int(o.timeout, "--timeout") * 1000 };
      const err = (s: string) => { process.stderr.write(s); };
      if (o.programSeed !== undefined) {
        const p = generate(int(o.programSeed, "--program-seed"), gen);
        const pool = await openPool(run);
        try {
          const r = await pool.run(encode(p));
          process.stdout.write(formatProgram(p) + "\n");
          process.stdout.write(`${r.ok ? "ok" : `${r.kind}: ${r.detail}`} (${r.syscalls} syscalls, executor ${r.exit ?? "-"})\n`);
          if (r.ok || !o.minimise) { process.exitCode = r.ok ? 0 : 1; return; }
          const still = async (q: typeof p) => { const x = await pool.run(encode(q)); return !x.ok && x.kind === r.kind; };
          const m = (await minimise(p, still, r.kind === "hang" ? { maxTries: 16, prefixFirst: true } : {})).program;
          process.stdout.write(`minimised:\n${formatProgram(m)}\n\n${testSource(m, `fuzz program ${o.programSeed}: no ${r.kind}`, `${r.kind}: ${r.detail}`)}`);
          process.exitCode = 1;
        } finally { await pool.close(); }
        return;
      }
      const noLimit = o.programs === undefined && o.syscalls === undefined && o.time === undefined;
      let last = 0;
      const s = await fuzz({
        seed: int(o.seed, "--seed"), gen, ...run, minimise: o.minimise, maxFailures: int(o.maxFailures, "--max-failures"),
        programs: o.programs !== undefined ? int(o.programs, "--programs") : noLimit ? 100 : undefined,
        syscalls: o.syscalls !== undefined ? int(o.syscalls, "--syscalls") : undefined,
        timeS: o.time !== undefined ? int(o.time, "--time") : undefined,
        onProgram: (_, __, sum) => { if (sum.wallMs - last >= 10000) { last = sum.wallMs; err(totals(sum)); } },
        onFailure: (f) => report(f, err),
      });
      process.stdout.write(totals(s));
      const exits = Object.entries(s.exits).sort((a, b) => b[1] - a[1]).map(([e, n]) => `${e}: ${n}`).join(", ");
      process.stdout.write(`executors ended by ${exits || "-"}\n`);
      for (const [sig, n] of Object.entries(s.bySignature)) {
        process.stdout.write(`  ${n} x ${sig} (--program-seed ${s.seedsBySignature[sig].join(", ")}${n > 5 ? ", ..." : ""})\n`);
      }
      for (const f of s.failures) report(f, (x) => process.stdout.write(x));
      if (o.tests && s.failures.length) writeFileSync(o.tests, s.failures.map((f) => f.test).join("\n"));
      process.exitCode = s.failures.length ? 1 : 0;
    });
}
