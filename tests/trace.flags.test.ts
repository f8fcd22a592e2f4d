import { describe, expect, it } from "vitest";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { ALL_NAMED, flagsText, MAP, OPEN_FLAGS, PROT, WAIT_OPTIONS } from "../host/trace/flags";

const root = join(__dirname, "..");

// `const NAME: u32 = 0x20;` in kernel and guest SDK sources: the same Linux constants the tracer names.
function sourceConstants(): Map<string, number> {
  const found = new Map<string, number>();
  for (const dir of ["kernel", "guests/sdk"]) {
    for (const f of readdirSync(join(root, dir)).filter((n) => n.endsWith(".ts"))) {
      const src = readFileSync(join(root, dir, f), "utf8");
      for (const m of src.matchAll(/const\s+([A-Z_][A-Z0-9_]*)\s*:\s*[iu](?:32|64|size)\s*=\s*(-?(?:0x[0-9a-fA-F]+|0o[0-7]+|\d+))\s*;/g)) {
        found.set(m[1], Number(m[2]));
      }
    }
  }
  return found;
}

describe("flag tables", () => {
  it("agree with every same-named constant in the kernel and the guest SDK", () => {
    const src = sourceConstants();
    let checked = 0;
    for (const [name, value] of ALL_NAMED) {
      if (!src.has(name)) continue;
      expect({ name, value: src.get(name) }).toEqual({ name, value });
      checked++;
    }
    expect(checked).toBeGreaterThan(5);   // MAP_*, PROT_*, O_RDWR... are defined in kernel/
  });

  it("print names, the access mode first, leftovers in hex, and the zero name", () => {
    expect(flagsText(OPEN_FLAGS, 0o2000101)).toBe("O_WRONLY|O_CREAT|O_CLOEXEC");
    expect(flagsText(OPEN_FLAGS, 0o4010002)).toBe("O_RDWR|O_SYNC");
    expect(flagsText(MAP, 0x22 | 0x40000000)).toBe("MAP_PRIVATE|MAP_ANONYMOUS|0x40000000");
    expect(flagsText(PROT, 0)).toBe("PROT_NONE");
    expect(flagsText(WAIT_OPTIONS, 0x80000001)).toBe("WNOHANG|__WCLONE");
  });
});
