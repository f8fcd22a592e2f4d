// Any sequence of writeFile / mkdir / remove on an image behaves like a plain map of paths:
// the same operations succeed or fail with the same errno, the contents and listings match, and
// fsck finds the image clean afterwards.
import { expect, test } from "vitest";
import fc from "fast-check";
import { mkfs } from "../host/fs/mkfs";
import { fsck } from "../host/fs/fsck";
import { WsFs } from "../host/fs/files";
import { FsError } from "../host/fs/error";

type Op = { kind: "write"; path: string; size: number; seed: number } | { kind: "mkdir" | "remove"; path: string };
type Model = Map<string, Uint8Array | "dir">;

const path = fc.array(fc.constantFrom("a", "b"), { minLength: 1, maxLength: 3 }).map((p) => "/" + p.join("/"));
const size = fc.oneof(fc.integer({ min: 0, max: 300 }), fc.integer({ min: 4090, max: 4100 }), fc.integer({ min: 45_000, max: 60_000 }));
const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant("write" as const), path, size, seed: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ kind: fc.constant("mkdir" as const), path }),
  fc.record({ kind: fc.constant("remove" as const), path }));

function content(size: number, seed: number): Uint8Array {
  const b = new Uint8Array(size);
  for (let i = 0; i < size; i++) b[i] = (i * 7 + seed) & 0xff;
  return b;
}
const parentOf = (p: string) => p.slice(0, p.lastIndexOf("/")) || "/";

/** What the map says op does: an errno, or "ok" after applying it. */
function applyModel(m: Model, o: Op): string {
  const parts = o.path.split("/").slice(1);
  for (let i = 1; i < parts.length; i++) {
    const at = m.get("/" + parts.slice(0, i).join("/"));
    if (at === undefined) return "ENOENT";
    if (at !== "dir") return "ENOTDIR";
  }
  const cur = m.get(o.path);
  if (o.kind === "write") {
    if (cur === "dir") return "EISDIR";
    m.set(o.path, content(o.size, o.seed));
  } else if (o.kind === "mkdir") {
    if (cur !== undefined) return "EEXIST";
    m.set(o.path, "dir");
  } else {
    if (cur === undefined) return "ENOENT";
    if (cur === "dir" && [...m.keys()].some((k) => k.startsWith(o.path + "/"))) return "ENOTEMPTY";
    m.delete(o.path);
  }
  return "ok";
}

function applyImage(fs: WsFs, o: Op): string {
  try {
    if (o.kind === "write") fs.writeFile(o.path, content(o.size, o.seed));
    else if (o.kind === "mkdir") fs.mkdir(o.path);
    else fs.remove(o.path);
    return "ok";
  } catch (e) {
    if (e instanceof FsError) return e.code;
    throw e;
  }
}

test("random writeFile / mkdir / remove sequences match a Map model and stay fsck-clean", () => {
  fc.assert(fc.property(fc.array(op, { maxLength: 40, size: "max" }), (ops) => {
    const fs = WsFs.open(mkfs(4 << 20), true);
    const m: Model = new Map([["/", "dir"]]);
    for (const o of ops) expect(applyImage(fs, o)).toBe(applyModel(m, o));
    fs.sync();
    expect(fsck(fs.img.store).problems).toEqual([]);
    for (const [p, v] of m) {
      if (v === "dir") {
        const kids = [...m.keys()].filter((k) => k !== p && parentOf(k) === p).map((k) => k.slice(k.lastIndexOf("/") + 1)).sort();
        expect(fs.list(p).map((e) => e.name)).toEqual(kids);
      } else expect(Buffer.compare(fs.readFile(p), v)).toBe(0);
    }
  }), { numRuns: 150 });
});
