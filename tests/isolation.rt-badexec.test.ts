// execve of a module the loader cannot run fails with ENOEXEC before the point of no return, and
// the caller goes on: a kernel.syscall import of the wrong type (instantiation would throw a
// LinkError), and a sparse file of 2^36 bytes (the loader must check the size before allocating).
// Neither may end Machine.run for everyone.
import binaryen from "binaryen";
import { describe, expect, it } from "vitest";
import { mkfs } from "../host/fs";
import { LoadError } from "../host/loader";
import { boot, run, testGuest } from "./helpers/machine";
import { wat } from "./helpers/wat";

const BADTYPE = wat(`(module
  (import "kernel" "syscall" (func $syscall (param i32) (result i32)))
  (func $_start (drop (call $syscall (i32.const 172))))
  (export "_start" (func $_start)))`, binaryen.Features.MVP);

describe("execve of a module the loader refuses", () => {
  it("kernel.syscall of the wrong type: ENOEXEC, the caller goes on", async () => {
    const disk = mkfs(8 << 20, { files: [{ path: "/bin/badtype", data: BADTYPE }] }).bytes;
    const r = await run(await testGuest("execer.ts"), ["execer", "/bin/badtype"], { disk });
    expect(r.stdout).toBe("execve: ENOEXEC\n");
    expect(r.exit.code).toBe(3);
  });

  it("kernel.syscall of the wrong type: spawn rejects with a LoadError", async () => {
    const b = await boot();
    await expect(b.m.spawn(BADTYPE, ["badtype"])).rejects.toBeInstanceOf(LoadError);
    await expect(b.m.spawn(BADTYPE, ["badtype"])).rejects.toThrow(/kernel\.syscall/);
  });

  it("a sparse file of 2^36 bytes: ENOEXEC, the caller goes on", async () => {
    const disk = mkfs(8 << 20, { files: [] }).bytes;
    const r = await run(await testGuest("hugeexec.ts"), ["hugeexec"], { disk });
    expect(r.stdout).toBe("execve: ENOEXEC\n");
    expect(r.exit.code).toBe(3);
  });
});
