// nanosleep with a huge tv_sec (2^40 s) must not wrap the wake-up time: sec * 10^9 overflowed 64
// bits, the clock of the idle machine jumped to the wrapped value and a later TCP connect's timers
// (now + timeout, wrapping too) never fired: the machine ran on for ever (a hang, found by the
// syscall fuzzer, seed 1461513617). Linux's ktime_set saturates at KTIME_MAX; the wake-up time here
// saturates at TIME_HORIZON_NS (2^62: room left for timers added to a clock that jumped there). The program runs on a fresh machine under the fuzzer's watchdog: ok means it finished.
import { expect, test } from "vitest";
import { Sys } from "../kernel/abi/syscalls";
import { bufferOf, res, six, val, type Program } from "../host/fuzz/program";
import { runProgram } from "../host/fuzz/campaign";

const B = 0x40000000n;                       // the executor's data buffer
const program: Program = {
  // 0: struct timespec { tv_sec = 2^40, tv_nsec = 0 }; 16: sockaddr_in 10.0.2.2:80
  data: bufferOf([[0, "0000000000010000" + "0000000000000000"], [16, "02000050" + "0a000202"]]),
  calls: [
    { nr: Sys.socket, args: six(val(2n), val(1n), val(6n)) },                    // AF_INET, SOCK_STREAM, TCP
    { nr: Sys.nanosleep, args: six(val(B), val(0n)) },
    { nr: Sys.connect, args: six(res(0), val(B + 16n), val(16n)) },
  ],
};

test("nanosleep(2^40 s) then a TCP connect: the machine finishes (no wrapped clock)", async () => {
  expect(await runProgram(program, { timeoutMs: 10_000 })).toMatchObject({ ok: true });
}, 60_000);
