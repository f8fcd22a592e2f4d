// execve replaces the program: the new one gets its own argv and the same pid; a path that is not
// a program leaves the old one running with ENOEXEC, a file without an execute bit with EACCES (as
// Linux, even for root), a missing one with ENOENT.
import { describe, it, expect } from "vitest";
import { mkfs } from "../host/fs";
import { run, testGuest, distDemo } from "./helpers/machine";

async function image() {
  return mkfs(8 << 20, { files: [
    { path: "/bin/hello", data: distDemo("hello") },
    { path: "/etc/notwasm", data: new TextEncoder().encode("just text\n"), mode: 0o755 },
    { path: "/etc/text", data: new TextEncoder().encode("just text\n") },
    { path: "/bin/hello-noexec", data: distDemo("hello"), mode: 0o644 },
  ] }).bytes;
}

describe("execve", () => {
  it("runs the new program with its arguments", async () => {
    const r = await run(await testGuest("execer.ts"), ["execer", "/bin/hello", "one", "two"], { disk: await image() });
    expect(r.stdout).toBe("hello, world\nargv[1]=one\nargv[2]=two\n");
    expect(r.exit.code).toBe(0);
  });

  it("returns ENOEXEC for a file that is not a program, and the caller goes on", async () => {
    const r = await run(await testGuest("execer.ts"), ["execer", "/etc/notwasm"], { disk: await image() });
    expect(r.stdout).toBe("execve: ENOEXEC\n");
    expect(r.exit.code).toBe(3);
  });

  it("returns EACCES for a file no one may execute, a program or not", async () => {
    for (const path of ["/etc/text", "/bin/hello-noexec"]) {
      const r = await run(await testGuest("execer.ts"), ["execer", path], { disk: await image() });
      expect(r.stdout).toBe("execve: EACCES\n");
      expect(r.exit.code).toBe(3);
    }
  });

  it("returns ENOENT for a missing path", async () => {
    const r = await run(await testGuest("execer.ts"), ["execer", "/bin/nope"], { disk: await image() });
    expect(r.stdout).toBe("execve: ENOENT\n");
    expect(r.exit.code).toBe(3);
  });
});
