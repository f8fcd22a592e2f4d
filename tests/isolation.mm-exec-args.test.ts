// execve reads argv/envp (the pointer vectors and the strings) page by page through
// copy_from_user: a vector entry or a string crossing into an unmapped page is EFAULT; crossing
// into a mapped page whose frame is not the next physical frame (frames scrambled) reads the
// right bytes. Before the fix a pointer was read through the physical address of its first byte,
// taking its last bytes from whatever frame followed. A block over ARG_MAX is E2BIG.
import { describe, it, expect } from "vitest";
import { mkfs } from "../host/fs";
import { run, testGuest, distDemo } from "./helpers/machine";

const img = () => mkfs(8 << 20, { files: [{ path: "/bin/hello", data: distDemo("hello") }] }).bytes;
const go = async (...args: string[]) =>
  run(await testGuest("mmiso.ts"), ["mmiso", ...args], { disk: img(), scramble: 7919 });

describe("isolation: execve argument strings", () => {
  it("an argv entry crossing into an unmapped page is EFAULT", async () => {
    const r = await go("exec-vec", "/bin/hello", "unmapped");
    expect(r.stdout).toBe("execve EFAULT\n");
  });

  it("an argv entry crossing into a scattered frame is read whole", async () => {
    const r = await go("exec-vec", "/bin/hello", "scattered");
    expect(r.stdout).toBe("hello, world\nargv[1]=crossing\n");
    expect(r.exit.code).toBe(0);
  });

  it("an argv string crossing into an unmapped page is EFAULT", async () => {
    const r = await go("exec-str", "/bin/hello", "unmapped");
    expect(r.stdout).toBe("execve EFAULT\n");
  });

  it("an argv string crossing into a scattered frame is read whole", async () => {
    const r = await go("exec-str", "/bin/hello", "scattered");
    expect(r.stdout).toBe("hello, world\nargv[1]=page-crossing\n");
    expect(r.exit.code).toBe(0);
  });

  it("an argument block larger than ARG_MAX is E2BIG", async () => {
    const r = await go("exec-big", "/bin/hello");
    expect(r.stdout).toBe("execve E2BIG\n");
  });
});
