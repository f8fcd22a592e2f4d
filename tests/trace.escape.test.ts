import { describe, expect, it } from "vitest";
import { quote } from "../host/trace/usermem";

const q = (b: number[] | string, cut = false) => quote(typeof b === "string" ? new TextEncoder().encode(b) : Uint8Array.from(b), cut);

describe("quote", () => {
  it("escapes like strace: C escapes, short octal unless a digit follows", () => {
    expect(q('say "hi"\\\t\r\n')).toBe('"say \\"hi\\"\\\\\\t\\r\\n"');
    expect(q([0, 0x41, 1, 0x37, 0xff])).toBe('"\\0A\\0017\\377"');
    expect(q("abc", true)).toBe('"abc"...');
  });
});
