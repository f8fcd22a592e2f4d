// The mmap lab's grader (file mappings and truncation): /usr/demo/sigbus maps the first 2 pages of a
// file MAP_SHARED, touches page 0, truncates the file to 0 and loads from page PAGE: both pages now
// lie past the end of the file, so the load must be SIGBUS, whether the page was never faulted in
// (the fault handler's end-of-file check) or was resident (truncation must remove its mapping).
// Interface: mmapLab (a Lab, host/lab/grader.ts).
import { runGuest, expectEq, type Lab } from "../../host/lab/grader";
import { Sig } from "../../kernel/abi/signals";
import { TraceClass } from "../../kernel/abi/trace";

const FILE = "/data/4k.bin";          // grown to 8 KiB, then truncated (on a private copy of the image)

async function sigbus(k: WebAssembly.Module, page: number, trace = 0) {
  const r = await runGuest(k, "/usr/demo/sigbus", [FILE, String(page)], { trace });
  const said = r.stdout.trim() || r.stderr.trim();
  expectEq(`how sigbus ${page} ended${said ? ` (it printed "${said}")` : ""}`, r.exit?.signal, Sig.SIGBUS);
  return r;
}

export const mmapLab: Lab = {
  name: "mmap",
  title: "File mappings: SIGBUS past the end of the file, and after truncation",
  checks: [
    {
      name: "a page never faulted in, past the end after truncate: SIGBUS", points: 40,
      run: async (k) => { await sigbus(k, 1); },
    },
    {
      name: "a resident page of a truncated file: unmapped, then SIGBUS", points: 40,
      run: async (k) => { await sigbus(k, 0); },
    },
    {
      name: "the SIGBUS fault is counted and traced once", points: 20,
      run: async (k) => {
        const r = await sigbus(k, 1, TraceClass.fault);
        expectEq("SIGBUS faults counted (Stat.faultSigbus)", r.stats.pageFaults.sigbus, 1);
        expectEq("sigbus fault events in the trace", r.events.filter((e) => e.type === "fault" && e.fault === "sigbus").length, 1);
      },
    },
  ],
};
