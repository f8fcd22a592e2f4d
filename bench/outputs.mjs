#!/usr/bin/env node
// outputs: the before/after check of a change that must not change what users see. For one
// checkout, `write` saves the outputs a user sees into a directory: `wasmos compare` (plain and the
// variants the docs use), `wasmos demo`, and the shipped programs run with --trace=all (text and
// jsonl), --summary, --stats and --inspect all. `diff` compares two such directories, ignoring
// only wall-clock figures (they differ from run to run), and exits 1 if anything else differs.
//
//   node bench/outputs.mjs write OUTDIR [--checkout DIR] [--build]   (DIR default: this checkout)
//   node bench/outputs.mjs diff BEFORE AFTER
//
// The checkout's dist/ must be built (`node host/build.mjs --quiet`, or pass --build). The script
// runs that checkout's own dist/cli.mjs, so an older commit can be measured by checking it out in
// a temporary worktree (docs/architecture.md, "How the restructuring was checked", shows how).
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync, readFileSync, readdirSync, existsSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve, dirname } from "node:path";
import { fileURLToPath } from "node:url";

const here = resolve(dirname(fileURLToPath(import.meta.url)), "..");

// compare's variants: the plain table and those docs/ and README.md show.
const COMPARES = [
  [],
  ["--size", "4096"],
  ["--size", "65536", "--json"],
  ["--warm", "--json"],
  ["--nic", "sg=off"],
  ["--file", "/data/big.bin"],
  ["--file", "/data/big.bin", "--warm"],
];

// The shipped programs (the tools in /bin, the demos in /usr/demo), each with arguments that make
// it do its work quickly and deterministically. Programs that need stdin get it from `sh -c` pipelines.
const PROGRAMS = [
  ["/usr/demo/hello", "a", "b"],
  ["/bin/cat", "/data/4k.bin"],
  ["/bin/wc", "/data/4k.bin"],
  ["/bin/ls", "-l", "/"],
  ["/bin/ls", "/bin"],
  ["/bin/stat", "/data/4k.bin"],
  ["/usr/demo/readfile", "/data/4k.bin"],
  ["/usr/demo/directread", "/data/4k.bin"],
  ["/usr/demo/mmapfile", "/data/4k.bin"],
  ["/usr/demo/mmapwrite", "/m.txt", "hello"],
  ["/usr/demo/cowdemo", "/data/4k.bin"],
  ["/usr/demo/splice-cat", "/data/4k.bin"],
  ["/usr/demo/forkmap", "1", "2"],
  ["/usr/demo/touchpages", "16"],
  ["/usr/demo/memtest"],
  ["/usr/demo/fault"],
  ["/usr/demo/fault", "load"],
  ["/usr/demo/sigbus", "/sigbus.dat"],
  ["/usr/demo/sortbench", "1000"],
  ["/usr/demo/sieve", "10000"],
  ["/usr/demo/spin", "1000"],
  ["/usr/demo/getpid", "10", "-v"],
  ["/usr/demo/sleeper", "z", "3", "10"],
  ["/bin/pwd"],
  ["/usr/demo/fsstress", "60"],
  ["/bin/sh", "-c", "cat /data/4k.bin | tee /t.out | wc; mkdir /d; cp /data/4k.bin /d/x; mv /d/x /d/y; ls -l /d; rm /d/y; rmdir /d"],
  ...["read+write", "mmap+write", "sendfile", "splice", "msg_zerocopy", "o_direct"].map((m) => ["/usr/demo/send", m, "/data/4k.bin"]),
];

function usage() {
  process.stderr.write("usage: node bench/outputs.mjs write OUTDIR [--checkout DIR] [--build]\n" +
    "       node bench/outputs.mjs diff BEFORE AFTER\n");
  process.exit(2);
}

/** Run the checkout's CLI; the result as one text: stdout, stderr and the exit status. */
function wasmos(checkout, args) {
  const r = spawnSync(process.execPath, [join(checkout, "dist", "cli.mjs"), ...args],
    { cwd: checkout, encoding: "utf8", timeout: 300_000, maxBuffer: 1 << 30 });
  if (r.error) return `error: ${r.error.message}\n`;
  const shown = args.map((a) => a.replace(/^.*\/\.tmp\//, "TMP/")).join(" ");   // the same in every OUTDIR
  return `$ wasmos ${shown}\n--- stdout\n${r.stdout}--- stderr\n${r.stderr}--- exit ${r.status ?? r.signal}\n`;
}

const readIfThere = (path) => existsSync(path) ? readFileSync(path, "utf8") : "(not written)\n";
const slug = (args) => args.join("_").replace(/[^A-Za-z0-9+.=-]+/g, "_").replace(/^_+|_+$/g, "") || "plain";

function write(out, checkout, build) {
  if (build) {
    const b = spawnSync(process.execPath, [join(checkout, "host", "build.mjs"), "--quiet"], { cwd: checkout, stdio: "inherit" });
    if (b.status !== 0) process.exit(1);
  }
  if (!existsSync(join(checkout, "dist", "cli.mjs"))) { process.stderr.write(`${checkout}/dist is not built\n`); process.exit(1); }
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  const save = (name, text) => { writeFileSync(join(out, name), text); process.stderr.write(`  ${name}\n`); };
  for (const a of COMPARES) save(`compare.${slug(a)}.txt`, wasmos(checkout, ["compare", ...a]));
  save("demo.txt", wasmos(checkout, ["demo"]));
  const tmp = join(out, ".tmp");
  mkdirSync(tmp, { recursive: true });
  for (const p of PROGRAMS) {
    const name = slug([p[0].slice(p[0].lastIndexOf("/") + 1), ...p.slice(1)]);
    const path = p;
    save(`run.${name}.trace.txt`, wasmos(checkout, ["run", "--trace=all", "--summary", ...path]));
    const jsonl = join(tmp, "t.jsonl"), stats = join(tmp, "s.json");
    rmSync(jsonl, { force: true }); rmSync(stats, { force: true });   // a run that writes nothing shows as such
    const text = wasmos(checkout, ["run", "--trace=all", "--format", "jsonl", "--trace-file", jsonl, "--stats", stats, ...path]);
    save(`run.${name}.jsonl`, text + "--- trace file\n" + readIfThere(jsonl));
    save(`run.${name}.stats.json`, readIfThere(stats));
    save(`run.${name}.inspect.txt`, wasmos(checkout, ["run", "--inspect", "all", ...path]));
  }
  rmSync(tmp, { recursive: true, force: true });
}

// Wall-clock figures: the only thing allowed to differ between two runs of one checkout. Each rule
// names what it masks; everything else is compared byte for byte.
const WALL = [
  [/("wall\w*"\s*:\s*)[-0-9.e+]+/g, "$1#"],             // --stats: "wallTimeNs": 8208567
  [/(\bwall )[0-9.]+ s\b/g, "$1# s"],                     // --summary: "..., wall 0.011335 s"
];
const normalize = (text) => WALL.reduce((t, [re, to]) => t.replace(re, to), text);

function diff(a, b) {
  const names = [...new Set([...readdirSync(a), ...readdirSync(b)])].sort();
  const tmp = mkdtempSync(join(tmpdir(), "outputs-"));
  let differ = 0;
  for (const n of names) {
    if (!existsSync(join(a, n)) || !existsSync(join(b, n))) { console.log(`only in ${existsSync(join(a, n)) ? a : b}: ${n}`); differ++; continue; }
    const x = normalize(readFileSync(join(a, n), "latin1")), y = normalize(readFileSync(join(b, n), "latin1"));
    if (x === y) continue;
    differ++;
    writeFileSync(join(tmp, "a"), x, "latin1");
    writeFileSync(join(tmp, "b"), y, "latin1");
    const d = spawnSync("diff", ["-a", "-u", "--label", join(a, n), "--label", join(b, n), join(tmp, "a"), join(tmp, "b")], { encoding: "latin1" });
    process.stdout.write(d.stdout);
  }
  rmSync(tmp, { recursive: true, force: true });
  console.log(differ ? `${differ} of ${names.length} files differ` : `${names.length} files, identical (wall-clock figures ignored)`);
  process.exit(differ ? 1 : 0);
}

const [cmd, ...rest] = process.argv.slice(2);
if (cmd === "write" && rest[0]) {
  const i = rest.indexOf("--checkout");
  write(resolve(rest[0]), i >= 0 ? resolve(rest[i + 1]) : here, rest.includes("--build"));
} else if (cmd === "diff" && rest.length === 2) diff(resolve(rest[0]), resolve(rest[1]));
else usage();
