// A lab's starter: the kernel's sources with that lab's marked regions replaced by their stand-ins
// (host/lab/markers.ts), written into the student's working folder with the lab's README.
// Interface: kernelFiles(root) -> paths of the kernel's .ts files; starterTree(lab) -> Map of
// path -> text; writeStarter(lab, dir) (refuses a folder that is not empty); labsInKernel() ->
// the lab names the kernel's markers use.
import { readdirSync, readFileSync, writeFileSync, mkdirSync, existsSync, copyFileSync } from "node:fs";
import { join, dirname, relative, sep } from "node:path";
import { projectRoot } from "../paths";
import { starterText, labsOf } from "./markers";

/** Every file of the kernel's source tree, relative to the project root ("kernel/fork.ts"). */
export function kernelFiles(root = projectRoot()): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith(".ts")) out.push(relative(root, p).split(sep).join("/"));
    }
  };
  walk(join(root, "kernel"));
  return out.sort();
}

/** The starter's kernel tree for lab `lab`: path ("kernel/...") -> text. */
export function starterTree(lab: string, root = projectRoot()): Map<string, string> {
  const tree = new Map<string, string>();
  for (const f of kernelFiles(root)) tree.set(f, starterText(readFileSync(join(root, f), "utf8"), lab, f));
  return tree;
}

/** Lab names the kernel's sources mark, each once. */
export function labsInKernel(root = projectRoot()): string[] {
  const names = new Set<string>();
  for (const f of kernelFiles(root)) for (const l of labsOf(readFileSync(join(root, f), "utf8"), f)) names.add(l);
  return [...names].sort();
}

/** Write lab `lab`'s starter into `dir`: dir/kernel/... and dir/README.md. */
export function writeStarter(lab: string, dir: string, root = projectRoot()): void {
  if (existsSync(dir) && readdirSync(dir).length > 0) throw new Error(`${dir}: the folder is not empty (choose a new one, or delete it)`);
  const readme = join(root, "labs", lab, "README.md");
  if (!existsSync(readme)) throw new Error(`${readme}: missing (every lab has a README)`);
  for (const [f, text] of starterTree(lab, root)) {
    mkdirSync(dirname(join(dir, f)), { recursive: true });
    writeFileSync(join(dir, f), text);
  }
  copyFileSync(readme, join(dir, "README.md"));
}
