// The differential conformance suite's shared parts: which programs there are (every tests/linux/*.c
// but the dispatcher is one program), the dispatcher that links them into one multi-call binary (one
// build, one translation; `prog NAME` runs NAME_main), and the list of deliberate differences.
//
// Interface: HERE, programs() -> names, dispatchSource(names) -> C text, expectedPath(name),
// differences() -> Map<name, [{ linux, wasmos, why }]>, uncompared(name), compareOutputs(name, linux,
// ours) -> the lines that differ and are not listed, and listed ones not seen (empty: it passes).
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const HERE = dirname(fileURLToPath(import.meta.url));

export function programs() {
  return readdirSync(HERE).filter((f) => f.endsWith(".c")).map((f) => f.slice(0, -2)).sort();
}

export function dispatchSource(names) {
  const decls = names.map((n) => `int ${n}_main(void);`).join("\n");
  const table = names.map((n) => `  if (strcmp(argv[1], "${n}") == 0) return ${n}_main();`).join("\n");
  return `#include <stdio.h>\n#include <string.h>\n${decls}\nint main(int argc, char **argv) {\n` +
    `  if (argc < 2) { fprintf(stderr, "usage: linuxsuite NAME\\n"); return 2; }\n${table}\n` +
    `  fprintf(stderr, "linuxsuite: no program %s\\n", argv[1]);\n  return 2;\n}\n`;
}

export const expectedPath = (name) => join(HERE, "expected", `${name}.txt`);

// differences.txt: `NAME: <Linux's line> => <wasmos's line>  # why`, one deliberate difference a line.
export function differences() {
  const out = new Map();
  for (const raw of readFileSync(join(HERE, "differences.txt"), "utf8").split("\n")) {
    if (raw.trim() === "" || raw.startsWith("#")) continue;
    const m = /^(\w+): (.*) => (.*?)  # (.+)$/.exec(raw);
    if (!m) throw new Error(`differences.txt: cannot read the line: ${raw}`);
    const list = out.get(m[1]) ?? [];
    list.push({ linux: m[2], wasmos: m[3], why: m[4] });
    out.set(m[1], list);
  }
  return out;
}

// Whether a program is listed as not compared at all (`NAME: * => *`).
export function uncompared(name, listed = differences().get(name) ?? []) {
  return listed.some((d) => d.linux === "*" && d.wasmos === "*");
}

// The lines that differ and are not listed, and the listed differences that no longer happen
// (the list must stay true: a fixed difference is taken out of it).
export function compareOutputs(name, linux, ours, listed = differences().get(name) ?? []) {
  const a = linux.split("\n");
  const b = ours.split("\n");
  const bad = [];
  const used = new Set();
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if (a[i] === b[i]) continue;
    const d = listed.find((x) => x.linux === a[i] && x.wasmos === b[i]);
    if (d) { used.add(d); continue; }
    bad.push(`line ${i + 1}:\n  linux:  ${a[i] ?? "(none)"}\n  wasmos: ${b[i] ?? "(none)"}`);
  }
  for (const d of listed) if (!used.has(d)) bad.push(`listed but not seen (take it out of differences.txt): ${d.linux} => ${d.wasmos}`);
  return bad;
}
