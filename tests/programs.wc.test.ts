// Programs: wc prints lines, words and bytes as coreutils wc does (columns as wide as the total
// size of the files, a "total" line for several files), with the counts computed here in JS.
import { describe, it, expect } from "vitest";
import { mkfs } from "../host/fs/mkfs";
import { run, distGuest } from "./helpers/machine";

const enc = (s: string) => new TextEncoder().encode(s);
const text = "the quick  brown fox\njumps\tover\n\n  the lazy dog\r\n".repeat(500) + "no newline at the end";
const bin = Uint8Array.from({ length: 70_000 }, (_, i) => (i * 7919) & 0xff);   // more than one read
const files = { "/t.txt": enc(text), "/b.bin": bin, "/empty": new Uint8Array(0) };
const img = mkfs(8 << 20, { files: Object.entries(files).map(([path, data]) => ({ path, data })) });
const wc = (...args: string[]) => run(distGuest("wc"), ["wc", ...args], { disk: img.bytes });

/** Lines, words (runs of bytes other than space, \t \n \v \f \r) and bytes of data. */
function counts(data: Uint8Array): [number, number, number] {
  let lines = 0, words = 0, inWord = false;
  for (const b of data) {
    if (b === 0x0a) lines++;
    const space = b === 0x20 || (b >= 0x09 && b <= 0x0d);
    if (space) inWord = false;
    else if (!inWord) { inWord = true; words++; }
  }
  return [lines, words, data.length];
}

const line = (c: number[], w: number, name: string) => c.map((n) => String(n).padStart(w)).join(" ") + ` ${name}\n`;

describe("programs: wc", () => {
  it("counts one file, columns as wide as its size", async () => {
    const r = await wc("/t.txt");
    expect(r.stderr).toBe("");
    expect(r.exit.code).toBe(0);
    const c = counts(files["/t.txt"]);
    expect(r.stdout).toBe(line(c, String(c[2]).length, "/t.txt"));
  });

  it("counts several files and prints a total", async () => {
    const names = ["/t.txt", "/b.bin", "/empty"] as const;
    const cs = names.map((n) => counts(files[n]));
    const total = [0, 1, 2].map((i) => cs.reduce((s, c) => s + c[i], 0));
    const w = String(total[2]).length;
    const r = await wc(...names);
    expect(r.exit.code).toBe(0);
    expect(r.stdout).toBe(names.map((n, i) => line(cs[i], w, n)).join("") + line(total, w, "total"));
  });

  it("reads stdin with no FILE (empty here): width 7, no name", async () => {
    const r = await wc();
    expect(r.stdout).toBe("      0       0       0\n");
    expect(r.exit.code).toBe(0);
  });

  it("reports a missing file as GNU wc does, counts the rest and exits 1", async () => {
    const r = await wc("/empty", "/nope");
    expect(r.stderr).toBe("wc: /nope: No such file or directory\n");
    expect(r.stdout).toBe("0 0 0 /empty\n0 0 0 total\n");
    expect(r.exit.code).toBe(1);
  });
});
