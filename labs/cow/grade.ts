// The cow lab's grader: fork must share every page copy-on-write and copy a page only at the first
// store to it. Measured with /usr/demo/forkmap (64 MiB mapped and touched, then forks; each child
// stores into its first W pages, checks the rest still hold the parent's bytes, and exits).
// Interface: cowLab (a Lab, host/lab/grader.ts).
import { runGuest, expectEq, fail, type Lab, type GuestRun } from "../../host/lab/grader";
import { meminfo } from "../../host/index";
import { TraceClass } from "../../kernel/abi/trace";

const MIB = 64;                     // the parent's mapping
const WRITE = 100;                  // pages each child stores into
const BIG_RAM = 256 << 20;          // room for an eager copy, so the count is what is measured
const SMALL_RAM = 96 << 20;         // room for one 64 MiB mapping, not for two

async function forkmap(k: WebAssembly.Module, forks: number, write: number, ramBytes: number, trace = 0): Promise<GuestRun> {
  const r = await runGuest(k, "/usr/demo/forkmap", [String(MIB), String(forks), String(write)], { ramBytes, trace });
  if (r.exit?.code !== 0) fail(`forkmap ${MIB} ${forks} ${write} failed (exit ${r.exit?.code ?? "none"}, signal ${r.exit?.signal ?? "none"}): ${r.stderr.trim()}`);
  return r;
}

/** Page copies made by copy-on-write, by what caused them (a syscall's name, or "fault"). */
function cowCopies(r: GuestRun, cause: string): number {
  return r.events.filter((e) => e.type === "copy" && e.routine === "cow_copy" && e.causeName === cause).length;
}

export const cowLab: Lab = {
  name: "cow",
  title: "Copy-on-write fork: share every page, copy at the first store",
  checks: [
    {
      name: `fork of ${MIB} MiB copies no page`, points: 30,
      run: async (k) => {
        const r = await forkmap(k, 1, 0, BIG_RAM, TraceClass.copy);
        expectEq("bytes copied by the CPU inside fork (clone)", r.stats.bySyscall.clone?.cpuCopyBytes ?? 0, 0);
        expectEq("pages copied inside fork (clone)", cowCopies(r, "clone"), 0);
      },
    },
    {
      name: `a child storing into ${WRITE} pages copies ${WRITE} pages`, points: 40,
      run: async (k) => {
        const none = await forkmap(k, 1, 0, BIG_RAM, TraceClass.copy | TraceClass.fault);
        const some = await forkmap(k, 1, WRITE, BIG_RAM, TraceClass.copy | TraceClass.fault);
        expectEq(`copy-on-write faults more than with no store`, some.stats.pageFaults.cow - none.stats.pageFaults.cow, WRITE);
        expectEq(`pages copied by faults more than with no store`, cowCopies(some, "fault") - cowCopies(none, "fault"), WRITE);
      },
    },
    {
      name: `4 forks of ${MIB} MiB fit in ${SMALL_RAM >> 20} MiB and free every page`, points: 30,
      run: async (k) => {
        const r = await forkmap(k, 4, 16, SMALL_RAM);
        expectEq("output's last line", r.stdout.trim().split("\n").pop(), "forked 4 times, each child wrote 16 pages");
        expectEq("anonymous frames left after every process exited", meminfo(r.machine).byOwner.anon, 0);
      },
    },
  ],
};
