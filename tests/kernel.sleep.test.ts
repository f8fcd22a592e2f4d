// kernel/sleep.ts is the one place that puts a process to sleep and keeps how its call goes on:
// no other kernel file touches the restart state or returns -ERESTARTSYS by hand.
import { describe, it, expect } from "vitest";
import { readFileSync, readdirSync } from "node:fs";
import { join, relative } from "node:path";

const root = join(__dirname, "..");
const kernel = join(root, "kernel");

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith(".ts") ? [join(dir, e.name)] : []);
}

// Code only: line comments go (the protocol may be named in prose).
function code(file: string): string[] {
  return readFileSync(file, "utf8").split("\n").map((l) => l.replace(/\/\/.*$/, ""));
}

const forbidden: [RegExp, string][] = [
  [/\.(restart|retval|resuming|partial)\b/, "restart state of the process record"],
  [/ERESTARTSYS/, "the restart code (return sleepOn's result)"],
  [/\.state\s*=\s*SLEEPING\b/, "putting a process to sleep"],
  [/\.chan\s*=(?!=)/, "setting a sleep channel"],
];

describe("the sleep protocol", () => {
  it("only kernel/sleep.ts touches restart state, sleep channels and ERESTARTSYS", () => {
    const found: string[] = [];
    for (const file of sources(kernel)) {
      const rel = relative(root, file);
      if (rel === join("kernel", "sleep.ts") || rel.startsWith(join("kernel", "abi"))) continue;
      code(file).forEach((line, i) => {
        for (const [re, what] of forbidden) if (re.test(line)) found.push(`${rel}:${i + 1}: ${what}: ${line.trim()}`);
      });
    }
    expect(found).toEqual([]);
  });

  it("kernel/sleep.ts is where they live", () => {
    const text = code(join(kernel, "sleep.ts")).join("\n");
    for (const [re] of forbidden) expect(re.test(text)).toBe(true);
  });
});
