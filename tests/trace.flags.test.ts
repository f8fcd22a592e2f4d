import { describe, expect, it } from "vitest";
import { flagsText, MAP, OPEN_FLAGS, PROT, WAIT_OPTIONS } from "../host/trace/flags";

// The tables take their values from kernel/abi (tests/structure.abi-constants.test.ts checks that
// no name is given a value anywhere else), so only the printing is tested here.
describe("flag tables", () => {
  it("print names, the access mode first, leftovers in hex, and the zero name", () => {
    expect(flagsText(OPEN_FLAGS, 0o2000101)).toBe("O_WRONLY|O_CREAT|O_CLOEXEC");
    expect(flagsText(OPEN_FLAGS, 0o4010002)).toBe("O_RDWR|O_SYNC");
    expect(flagsText(MAP, 0x22 | 0x40000000)).toBe("MAP_PRIVATE|MAP_ANONYMOUS|0x40000000");
    expect(flagsText(PROT, 0)).toBe("PROT_NONE");
    expect(flagsText(WAIT_OPTIONS, 0x80000001)).toBe("WNOHANG|__WCLONE");
  });
});
