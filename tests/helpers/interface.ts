// The `// Interface:` list of a kernel file against what the file exports (tests/kernel.interface).
// Interface: exportedNames(source), interfaceText(source), listedNames(text), interfaceProblems(file, source).
//
// The rule (docs/architecture.md, "Kernel files"):
//  - The list is the text after "Interface" up to its colon, to the end of that comment block.
//  - Every name the file exports (export function/const/let/class/enum, export { ... }) appears in
//    the list as a word, or is covered by a prefix written `PREFIX*` (e.g. `FT_*`).
//  - Every name the list writes as code must be exported by the file: a call `name(`, a camelCase
//    word, an ALL_CAPS word, a `PREFIX*`. Text in parentheses and the result after `->` (up to
//    the next `,` or `;`) are commentary and not checked; so is a word right after `-` (an errno).

const IDENT = /[A-Za-z_$][\w$]*/;

export interface Exported { name: string; constant: boolean }   // constant: an ALL_CAPS const, or one re-exported

const ALL_CAPS = /^[A-Z][A-Z0-9_]*$/;

/** The names a kernel source file exports, in source order. */
export function exportedNames(src: string): Exported[] {
  const out: Exported[] = [];
  const decl = /^[ \t]*(?:@\w+(?:\([^)]*\))?\s*)*export\s+(?:declare\s+)?(?:abstract\s+)?(function|class|enum|const|let|var)\s+(.*)$/gm;
  for (const m of src.matchAll(decl)) {
    if (m[1] === "const" || m[1] === "let" || m[1] === "var") {
      for (const d of m[2].matchAll(/(?:^|,)\s*([A-Za-z_$][\w$]*)\s*[:=]/g)) {
        out.push({ name: d[1], constant: m[1] === "const" && ALL_CAPS.test(d[1]) });
      }
    } else {
      out.push({ name: IDENT.exec(m[2])![0], constant: false });
    }
  }
  for (const m of src.matchAll(/^[ \t]*export\s*\{([^}]*)\}/gm)) {
    for (const part of m[1].split(",")) {
      const names = part.trim().split(/\s+as\s+/);
      const name = names[names.length - 1];
      if (names[0]) out.push({ name, constant: ALL_CAPS.test(name) });   // a re-exported abi constant
    }
  }
  return out;
}

/** The Interface list of a file's opening comment, or null when it has none. */
export function interfaceText(src: string): string | null {
  const lines = src.split("\n");
  const at = lines.findIndex((l) => /^\/\/.*\bInterface\b[^:]*:/.test(l));
  if (at < 0) return null;
  const block: string[] = [];
  for (let i = at; i < lines.length && lines[i].startsWith("//"); i++) block.push(lines[i].replace(/^\/\/ ?/, ""));
  const text = block.join(" ");
  return text.slice(text.indexOf(":", text.indexOf("Interface")) + 1);
}

function stripParens(s: string): string {
  let out = "", depth = 0;
  for (const c of s) {
    if (c === "(") { depth++; out += depth === 1 ? "(" : ""; continue; }
    if (c === ")") { depth = Math.max(0, depth - 1); if (depth === 0) out += ")"; continue; }
    if (depth === 0) out += c;
  }
  return out;
}

const isCode = (w: string, call: boolean) =>
  call || w.endsWith("*") || /^[a-z_$][\w$]*[A-Z]/.test(w) || (/^[A-Z][A-Z0-9_]+$/.test(w) && /[A-Z]/.test(w));

/** Words of an Interface list: `all` (anywhere, for exports to be found in) and `code` (the names
 *  written as code, outside commentary, which must be exports). */
export function listedNames(text: string): { all: Set<string>; code: string[] } {
  const all = new Set<string>(text.match(/[A-Za-z_$][\w$]*\*?/g) ?? []);
  const bare = stripParens(text).replace(/->[^,;]*/g, " ").replace(/"[^"]*"/g, " ");
  const code: string[] = [];
  for (const m of bare.matchAll(/([A-Za-z_$][\w$]*\*?)(\(?)/g)) {
    const before = bare[m.index! - 1];
    if (before === "-" || before === ".") continue;
    if (isCode(m[1], m[2] === "(")) code.push(m[1]);
  }
  return { all, code };
}

/** What is wrong with one file's Interface list, one sentence per problem naming the file and name. */
export function interfaceProblems(file: string, src: string): string[] {
  const text = interfaceText(src);
  if (text === null) return [`${file}: no "// Interface:" list in its opening comment`];
  const exports = exportedNames(src);
  const exported = exports.map((e) => e.name);
  const { all, code } = listedNames(text);
  const prefixes = [...all].filter((w) => w.endsWith("*")).map((w) => w.slice(0, -1));
  const problems: string[] = [];
  for (const { name, constant } of exports) {
    if (!constant && !all.has(name) && !prefixes.some((p) => name.startsWith(p))) {
      problems.push(`${file}: exports ${name}, which its Interface list does not name`);
    }
  }
  for (const name of new Set(code)) {
    const ok = name.endsWith("*") ? exported.some((e) => e.startsWith(name.slice(0, -1))) : exported.includes(name);
    if (!ok) problems.push(`${file}: its Interface list names ${name}, which the file does not export`);
  }
  return problems;
}
