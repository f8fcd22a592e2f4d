// Programs: pwd prints the current directory from getcwd: "/" for a freshly spawned program.
import { describe, it, expect } from "vitest";
import { mkfs } from "../host/fs/mkfs";
import { run, distGuest } from "./helpers/machine";

describe("programs: pwd", () => {
  it("prints / at start-up", async () => {
    const r = await run(distGuest("pwd"), ["pwd"], { disk: mkfs(8 << 20, {}).bytes });
    expect(r.stderr).toBe("");
    expect(r.stdout).toBe("/\n");
    expect(r.exit.code).toBe(0);
  });
});
