import { describe, expect, it } from "vitest";
import { Sys } from "../kernel/abi/syscalls";
import { SIGNATURES } from "../host/trace";
import { enter, exit, runTrace } from "./helpers/trace";

describe("signatures", () => {
  it("cover every syscall in Sys", () => {
    const missing = Object.values(Sys).filter((v): v is number => typeof v === "number").filter((nr) => !SIGNATURES[nr as Sys]);
    expect(missing.map((nr) => Sys[nr])).toEqual([]);
  });

  it("unknown numbers print as syscall_0x1f3 with six hex arguments", () => {
    const { lines, events } = runTrace([enter(1, 0x1f3, [1, 0, 255, 3, 4, -1n]), exit(2, 1, 0x1f3, -38)]);
    expect(lines).toEqual(["syscall_0x1f3(0x1, 0, 0xff, 0x3, 0x4, 0xffffffffffffffff) = -1 ENOSYS (Function not implemented)"]);
    expect(events[0]).toMatchObject({ name: "syscall_0x1f3", nr: 0x1f3 });
  });
});
