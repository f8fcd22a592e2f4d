// The labs wasmos ships (labs/NAME/README.md and labs/NAME/grade.ts), in the suggested order.
// Interface: LABS, findLab(name) -> Lab (throws naming the labs there are), labReadme(name) -> path.
import { join } from "node:path";
import { projectRoot } from "../paths";
import type { Lab } from "./grader";
import { syscallLab } from "../../labs/syscall/grade";
import { cowLab } from "../../labs/cow/grade";
import { tlbLab } from "../../labs/tlb/grade";
import { pagetableLab } from "../../labs/pagetable/grade";
import { pagecacheLab } from "../../labs/pagecache/grade";
import { zerocopyLab } from "../../labs/zerocopy/grade";
import { mmapLab } from "../../labs/mmap/grade";

export const LABS: Lab[] = [syscallLab, pagetableLab, tlbLab, cowLab, pagecacheLab, zerocopyLab, mmapLab];

export function findLab(name: string): Lab {
  const lab = LABS.find((l) => l.name === name);
  if (!lab) throw new Error(`no lab named '${name}' (the labs: ${LABS.map((l) => l.name).join(", ")})`);
  return lab;
}

export function labReadme(name: string): string { return join(projectRoot(), "labs", name, "README.md"); }
