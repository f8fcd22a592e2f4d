// Loads and stores of every width at page offsets 4093, 4094, 4095 and 0 of the next page, on a
// machine whose frames are handed out in scattered order (scramble), give exactly the bytes the
// same module computes natively; the pages involved really sit on non-adjacent frames.
import { expect, test } from "vitest";
import { pageTable, type PageEntry } from "../host/inspect";
import { boot, testGuest } from "./helpers/machine";
import { runNative } from "./helpers/native";

const LOAD_PAGES = [0x10000, 0x11000];    // the data segment spans 0x10ff0..0x11010
const STORE_PAGES = [0x17000, 0x18000];   // demand-zero pages, first touched by a crossing store
const RESULTS = 2 + 4 * 15 + 4 * 10 * 2;  // 8-byte results: first dump, loads, (store, dump) pairs

test("page-crossing accesses on scattered frames match a native run", async () => {
  const guest = await testGuest("pagecross.wat");
  const native = runNative(guest, 2);
  expect(native.code).toBe(0);
  expect(native.stdout.length).toBe(8 * RESULTS);

  let pid = 0;
  let pages: PageEntry[] = [];
  const b = await boot({ scramble: 7919, onStdout: () => { pages = pageTable(b.m, pid); } });  // during the write: still mapped
  pid = await b.m.spawn(guest, ["pagecross"]);
  await b.m.run();

  expect(b.m.exitOf(pid)).toEqual({ code: 0, signal: null, status: 0 });
  expect(Buffer.from(b.stdoutBytes()).toString("hex")).toBe(Buffer.from(native.stdout).toString("hex"));

  for (const [lo, hi] of [LOAD_PAGES, STORE_PAGES]) {
    const first = pages.find((p) => p.va === lo), second = pages.find((p) => p.va === hi);
    expect(first, `page 0x${lo.toString(16)} mapped`).toBeDefined();
    expect(second, `page 0x${hi.toString(16)} mapped`).toBeDefined();
    expect(Math.abs(second!.frame - first!.frame)).toBeGreaterThan(1);
  }
});
