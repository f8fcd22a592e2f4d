// Lab markers: one source for the kernel and every lab's starter. A marked region in a kernel file
// is the solution; its ELSE part, written as comments so the kernel builds as it is, is what the
// lab's starter has in its place (a stub returning ENOSYS, a slower old way, a TODO):
//
//     // LAB(cow) BEGIN
//     if (cow) { e = (e & ~PTE_W) | PTE_COW; store<u32>(pte, e); }
//     // LAB(cow) ELSE
//     // if (cow) { if (!copyPage(c, <u32>a, e)) return false; continue; }   // TODO(cow)
//     // LAB(cow) END
//
// A region without ELSE is simply removed from the starter. Regions do not nest. In a lab's starter
// only that lab's regions change (their ELSE lines uncommented, between BEGIN/END lines kept so the
// student sees where to work); every other lab's regions stay the kernel's.
// Interface: parseRegions(text, file) -> Region[] (throws MarkerError naming file:line on a broken
// marker), labsOf(text, file) -> lab names, starterText(text, lab, file) -> the starter's text.

export interface Region {
  lab: string;
  begin: number;          // line index of BEGIN
  else: number;           // line index of ELSE, or -1
  end: number;            // line index of END
}

export class MarkerError extends Error {}

const MARKER = /^(\s*)\/\/ LAB\(([a-z0-9-]+)\) (BEGIN|ELSE|END)\b/;
const MENTION = /\bLAB\(/;
const COMMENT = /^(\s*)\/\/ ?(.*)$/;

export function parseRegions(text: string, file: string): Region[] {
  const lines = text.split("\n");
  const out: Region[] = [];
  let open: Region | null = null;
  const bad = (i: number, why: string): never => { throw new MarkerError(`${file}:${i + 1}: ${why}`); };
  lines.forEach((line, i) => {
    const m = MARKER.exec(line);
    if (!m) {
      if (MENTION.test(line) && /\/\/ LAB\(/.test(line)) bad(i, "a LAB( marker must read `// LAB(name) BEGIN|ELSE|END`");
      if (open && open.else >= 0 && line.trim() !== "" && !COMMENT.test(line)) bad(i, `LAB(${open.lab}) ELSE: every line up to END must be a comment`);
      return;
    }
    const [, , lab, word] = m;
    if (word === "BEGIN") {
      if (open) bad(i, `LAB(${lab}) BEGIN inside LAB(${open.lab}) (regions do not nest)`);
      open = { lab, begin: i, else: -1, end: -1 };
    } else if (!open || open.lab !== lab) {
      bad(i, `LAB(${lab}) ${word} without its BEGIN`);
    } else if (word === "ELSE") {
      if (open.else >= 0) bad(i, `LAB(${lab}) ELSE twice`);
      open.else = i;
    } else {
      open.end = i;
      out.push(open);
      open = null;
    }
  });
  if (open) bad((open as Region).begin, `LAB(${(open as Region).lab}) BEGIN without END`);
  return out;
}

export function labsOf(text: string, file: string): string[] {
  return [...new Set(parseRegions(text, file).map((r) => r.lab))];
}

/** The file as lab `lab`'s starter has it. */
export function starterText(text: string, lab: string, file: string): string {
  const regions = parseRegions(text, file).filter((r) => r.lab === lab);
  if (regions.length === 0) return text;
  const lines = text.split("\n");
  const out: string[] = [];
  let from = 0;
  for (const r of regions) {
    out.push(...lines.slice(from, r.begin));
    const indent = MARKER.exec(lines[r.begin])![1];
    out.push(`${indent}// LAB(${lab}) BEGIN: the starter's stand-in: replace it with your code`);
    if (r.else >= 0) for (const l of lines.slice(r.else + 1, r.end)) out.push(l.replace(COMMENT, "$1$2"));
    out.push(`${indent}// LAB(${lab}) END`);
    from = r.end + 1;
  }
  out.push(...lines.slice(from));
  return out.join("\n");
}
