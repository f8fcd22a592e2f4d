// --perfetto output depends only on virtual time: the same run twice writes the same bytes.
import { describe, it, expect } from "vitest";
import { mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { cli } from "./helpers/cli";

describe("perfetto: determinism", () => {
  it("run --perfetto twice gives identical files", () => {
    const dir = mkdtempSync(join(tmpdir(), "wasmos-perfetto-"));
    try {
      const [a, b] = ["a.json", "b.json"].map((f) => join(dir, f));
      for (const f of [a, b]) expect(cli("run", "--perfetto", f, "/usr/demo/send", "msg_zerocopy", "/data/4k.bin").status).toBe(0);
      expect(readFileSync(a, "utf8")).toBe(readFileSync(b, "utf8"));
    } finally { rmSync(dir, { recursive: true, force: true }); }
  });

  it("compare --perfetto twice gives identical directories", () => {
    const dir = mkdtempSync(join(tmpdir(), "wasmos-perfetto-"));
    try {
      const [a, b] = ["a", "b"].map((d) => join(dir, d));
      for (const d of [a, b]) expect(cli("compare", "--size", "8192", "--perfetto", d).status).toBe(0);
      expect(readdirSync(a)).toHaveLength(9);          // one trace per row of the table, netmap and pktpool included
      for (const f of readdirSync(a)) expect(readFileSync(join(b, f), "utf8"), f).toBe(readFileSync(join(a, f), "utf8"));
    } finally { rmSync(dir, { recursive: true, force: true }); }
  });
});
