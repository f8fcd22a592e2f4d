// The pagecache lab's grader: under memory pressure the page cache must give frames back (pcEvict:
// second chance over the LRU list, dirty pages written back first), so a 16 MiB file streams
// through a 12 MiB machine, the pages kept are the newest (a page just read is a hit, not a miss),
// and a 16 MiB copy reaches the disk intact (read back from the image on the host, and fsck clean).
// Interface: pagecacheLab (a Lab, host/lab/grader.ts).
import { runGuest, expectExit, expectEq, fail, type Lab } from "../../host/lab/grader";
import { frameInfo } from "../../host/index";
import { defaultImagePath } from "../../host/diskimage";
import { FileStore } from "../../host/devices/blockstore";
import { OverlayStore } from "../../host/devices/overlay";
import { WsFs, fsck } from "../../host/fs";
import { PAGE_SIZE } from "../../kernel/abi/layout";

const BIG = "/data/big.bin";
const BIG_BYTES = 16 << 20;
const SMALL = "/data/4k.bin";         // one page
const RAM = 12 << 20;                 // less than the file: it cannot all stay cached

/** A private copy-on-write view of the default image, to look at after the run. */
function scratchDisk(): OverlayStore { return new OverlayStore(FileStore.open(defaultImagePath(), "r")); }

function inodeOf(disk: OverlayStore, path: string): number { return WsFs.open(disk).lookup(path).ino; }

export const pagecacheLab: Lab = {
  name: "pagecache",
  title: "The page cache: LRU eviction and write-back under memory pressure",
  checks: [
    {
      name: `wc -c of a 16 MiB file on a ${RAM >> 20} MiB machine`, points: 25,
      run: async (k) => {
        const r = await runGuest(k, "/bin/wc", ["-c", BIG], { ramBytes: RAM });
        expectExit(r);
        expectEq("output", r.stdout, `${BIG_BYTES} ${BIG}\n`);
        if (r.stats.pageCache.evicted === 0) fail("no page was evicted, yet the file does not fit");
      },
    },
    {
      name: "the pages kept are the newest (LRU)", points: 20,
      run: async (k) => {
        const disk = scratchDisk();
        const r = await runGuest(k, "/bin/wc", ["-c", BIG], { ramBytes: RAM, disk });
        expectExit(r);
        const ino = inodeOf(disk, BIG), last = BIG_BYTES / PAGE_SIZE - 1;
        const cached = new Set<number>();
        for (let pfn = 0; pfn < r.machine.k.frameCount(); pfn++) {
          const f = frameInfo(r.machine, pfn);
          if (f.owner === "pagecache" && f.data === ino) cached.add(f.index);
        }
        if (!cached.has(last)) fail(`the file's last page (${last}) is not cached after reading it`);
        if (cached.has(0)) fail("the file's first page is still cached: the oldest pages should have gone first");
      },
    },
    {
      name: "under pressure, a page just read is still cached: 1 hit, 0 misses", points: 20,
      run: async (k) => {
        const stream = `wc -c ${BIG} >/dev/null; cat ${SMALL}`;
        const once = await runGuest(k, "/bin/sh", ["-c", `${stream} >/dev/null`], { ramBytes: RAM });
        const twice = await runGuest(k, "/bin/sh", ["-c", `${stream} ${SMALL} >/dev/null`], { ramBytes: RAM });
        expectExit(once); expectExit(twice);
        expectEq(`page-cache hits of reading ${SMALL} once more`, twice.stats.pageCache.hits - once.stats.pageCache.hits, 1);
        expectEq(`page-cache misses of reading ${SMALL} once more`, twice.stats.pageCache.misses - once.stats.pageCache.misses, 0);
      },
    },
    {
      name: `cp of 16 MiB on ${RAM >> 20} MiB: written back intact, fsck clean`, points: 35,
      run: async (k) => {
        const disk = scratchDisk();
        const r = await runGuest(k, "/bin/cp", [BIG, "/data/copy"], { ramBytes: RAM, disk });
        expectExit(r);
        if (r.stats.pageCache.writtenBack < BIG_BYTES / PAGE_SIZE) fail(`${r.stats.pageCache.writtenBack} pages written back, fewer than the copy's ${BIG_BYTES / PAGE_SIZE}`);
        const fs = WsFs.open(disk);
        if (!Buffer.from(fs.readFile("/data/copy")).equals(Buffer.from(fs.readFile(BIG)))) fail("the copy on the disk differs from the file");
        const check = fsck(disk);
        if (!check.ok) fail(`fsck: ${check.problems.slice(0, 3).join("; ")}`);
      },
    },
  ],
};
