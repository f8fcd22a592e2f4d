// getsockopt and getsockname write no more than the length the program gave (review of kernel/net
// for issue 10). getsockopt wrote 4 bytes whatever the length (a 1-byte option buffer had 3 bytes
// after it overwritten) and a negative length was taken as a large one; as Linux: the value is cut
// to the length given, the length says how much was written, and a negative length is EINVAL.
import { expect, test } from "vitest";
import { Errno } from "../kernel/abi/errno";
import { run, testGuest } from "./helpers/machine";

test("getsockopt cuts the value to the caller's length; negative lengths are EINVAL", async () => {
  const r = await run(await testGuest("optlen.ts"), ["optlen"]);
  expect(r.exit.code).toBe(0);
  const sndbuf = (524288).toString(16).padStart(8, "0").match(/../g)!.reverse().join("");   // little endian
  expect(r.stdout.trimEnd().split("\n")).toEqual([
    `getsockopt1 r=0 len=1 bytes=${sndbuf.slice(0, 2)}aaaaaaaaaaaaaa`,
    `getsockopt2 r=0 len=2 bytes=${sndbuf.slice(0, 4)}aaaaaaaaaaaa`,
    `getsockopt4 r=0 len=4 bytes=${sndbuf}aaaaaaaa`,
    `getsockopt8 r=0 len=4 bytes=${sndbuf}aaaaaaaa`,
    `getsockopt-1 r=${-Errno.EINVAL} len=-1 bytes=aaaaaaaaaaaaaaaa`,
    `getsockname-1 r=${-Errno.EINVAL} len=-1 bytes=aaaaaaaaaaaaaaaa`,
  ]);
});
