// Where the project's built files live, found from this module's own location, so the same code
// works from host/*.ts (tests) and from the dist/cli.mjs bundle.
// Interface: projectRoot(), distPath(...parts).
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

let root: string | null = null;

export function projectRoot(): string {
  if (root) return root;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const pj = join(dir, "package.json");
    if (existsSync(pj) && JSON.parse(readFileSync(pj, "utf8")).name === "wasmos") return (root = dir);
    const up = dirname(dir);
    if (up === dir) throw new Error("wasmos: cannot find the project root (package.json)");
    dir = up;
  }
}

export function distPath(...parts: string[]): string {
  return join(projectRoot(), "dist", ...parts);
}
