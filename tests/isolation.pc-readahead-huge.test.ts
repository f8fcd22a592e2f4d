// A long read of a sparse file must not read the whole request ahead (fuzz seed 720850151, which ran
// past its 15 s limit; minimised by hand from the 61-call prefix the minimiser left). A read that
// missed the page cache read ahead every page it asked for: pread64 of 2 GiB from a 676 MiB sparse
// file asked pcReadRange for 173,000 pages at once, on a 16 MiB machine. Each new page reclaimed an
// older one, the first pages of the window among them, so the copy missed again on the next page
// and read the rest of the file once more: 47 s for a 1 MiB buffer, hours for the 256 MiB heap the
// fuzzer had grown with brk. As Linux's ractl_max_pages, one window is at most RA_MAX_PAGES (the
// disk's largest request too); a longer read misses again at the end of each window.
// The programs run on a fresh machine under the fuzzer's watchdog: ok means they finished in time.
import { expect, test } from "vitest";
import { Sys } from "../kernel/abi/syscalls";
import { bufferOf, res, six, val, type Program } from "../host/fuzz/program";
import { runProgram } from "../host/fuzz/campaign";

const B = 0x40000000n;                       // the executor's data buffer
const O_RDWR = 2n;

/** open /hello, make it 676 MiB (sparse), grow the heap to `brk`, pread 2 GiB into low memory. */
const program = (brk: bigint): Program => ({
  data: bufferOf([[0, Buffer.from("/hello").toString("hex")]]),
  calls: [
    { nr: Sys.openat, args: six(val(-100n), val(B), val(O_RDWR)) },
    { nr: Sys.ftruncate, args: six(res(0), val(708899139n)) },
    { nr: Sys.brk, args: six(val(brk)) },
    { nr: Sys.pread64, args: six(res(0), val(0xfdan), val(2147483648n), val(0n)) },
  ],
});

test("pread64 of 2 GiB of a sparse file into a 1 MiB heap: a short read, at once", async () => {
  expect(await runProgram(program(0x100000n), { timeoutMs: 10_000 })).toMatchObject({ ok: true, exit: "code 0" });
}, 60_000);

test("... into a 256 MiB heap on a 16 MiB machine: the OOM killer takes the reader, at once", async () => {
  expect(await runProgram(program(0x10000394n), { timeoutMs: 10_000 })).toMatchObject({ ok: true, exit: "signal 9" });
}, 60_000);
