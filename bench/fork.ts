// Fork benchmark: what fork costs a process with 64 MiB mapped. forkmap MIB FORKS maps MIB MiB of
// anonymous memory, writes every page, prints a line, then forks FORKS times (each child exits at
// once, the parent waits) and prints a second line. The host times the span between the two lines
// (the console is written synchronously inside the guest's write), so the mapping's set-up is not
// counted. ns per mapped page = (span at 64 MiB - span at 1 MiB) / FORKS / (pages difference): the
// page-table work of fork (share every PTE, mark private pages copy-on-write) plus the child's exit
// (drop every reference). Pages copied are counted in separate traced runs (cow_copy events): zero
// when the children write nothing, exactly the pages they write otherwise.
// Interface: fork(cacheDir, runs) reports every figure through report().
import { Machine } from "../host/index";
import { TraceClass } from "../kernel/abi/trace";
import { guestBytes, MiB } from "./guest";
import { report } from "./report";
import { summarize, ms } from "./stats";

const BIG = 64, SMALL = 1;          // MiB mapped
const FORKS = 50;
const WRITE = 100;                  // pages each child writes in the copy-counting run
const pagesOf = (mib: number) => mib * 256;

/** One forkmap run: the span from "mapped" to "forked" in ms, with the cow copies if traced. */
async function forkmap(mib: number, forks: number, write: number, traced: boolean, cacheDir: string) {
  let start = 0, end = 0, text = "", copies = 0;
  const m = await Machine.create({ ramBytes: 256 * MiB, disk: null, net: null, stdin: null, cacheDir, stderr: () => {},
    stdout: (b) => {
      const s = Buffer.from(b).toString();
      if (s.endsWith(" pages\n") && !start) start = ms();
      if (s.startsWith("forked")) end = ms();
      text += s;
    },
    ...(traced ? { tap: { classes: TraceClass.copy, onEvent: (e) => { if (e.type === "copy" && e.routine === "cow_copy") copies++; } } } : {}) });
  const pid = await m.spawn(guestBytes("forkmap"), ["forkmap", String(mib), String(forks), String(write)]);
  await m.run();
  const code = m.exitOf(pid)?.code;
  m.close();
  if (code !== 0 || !start || !end) throw new Error(`forkmap ${mib} ${forks} ${write}: exit ${code}, output ${JSON.stringify(text)}`);
  return { span: end - start, copies };
}

export async function fork(cacheDir: string, runs: number): Promise<void> {
  console.log(`\nfork: a process with ${BIG} MiB (${pagesOf(BIG)} pages) vs ${SMALL} MiB mapped and written, forked ${FORKS} times ` +
    "(the child exits, the parent waits); the host times the fork loop only");
  await forkmap(BIG, 2, 0, false, cacheDir);                 // warm-up: translation, V8 tiers
  const perPage: number[] = [], big: number[] = [], small: number[] = [];
  for (let i = 0; i < runs; i++) {
    const b = await forkmap(BIG, FORKS, 0, false, cacheDir);
    const s = await forkmap(SMALL, FORKS, 0, false, cacheDir);
    big.push(b.span / FORKS); small.push(s.span / FORKS);
    perPage.push(((b.span - s.span) * 1e6) / FORKS / (pagesOf(BIG) - pagesOf(SMALL)));
  }
  report({ what: `fork+exit+wait4, ${SMALL} MiB mapped`, value: summarize(small), unit: "ms" });
  report({ what: `fork+exit+wait4, ${BIG} MiB mapped`, value: summarize(big), unit: "ms" });
  report({ what: "fork+exit per mapped page", value: summarize(perPage), unit: "ns" });
  const none = await forkmap(BIG, 1, 0, true, cacheDir);
  const some = await forkmap(BIG, 1, WRITE, true, cacheDir);
  console.log(`  pages copied: ${none.copies} when the child writes none of the ${pagesOf(BIG)} pages, ` +
    `${some.copies} when it writes ${WRITE}`);
  report({ what: `fork of ${BIG} MiB: pages copied, child writes none`, value: summarize([none.copies]), unit: "pages",
    target: "0", met: none.copies === 0 });
  report({ what: `fork of ${BIG} MiB: pages copied, child writes ${WRITE}`, value: summarize([some.copies]), unit: "pages",
    target: String(WRITE), met: some.copies === WRITE });
}
