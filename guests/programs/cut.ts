// cut: print selected parts of each line of each FILE (stdin with none, or "-"): -b LIST bytes,
// -c LIST characters (bytes here: the C locale), -f LIST fields separated by -d DELIM (a tab by
// default; lines without the delimiter are printed whole unless -s). LIST is N, N-M, N-, -M,
// separated by commas, as GNU cut.
// Usage: cut -b LIST | -c LIST | -f LIST [-d DELIM] [-s] [FILE...]
import { Tool, LineReader, outBytes, outByte, open, close, parseInteger, O_RDONLY } from "../sdk";

const tool = new Tool("cut", "b:c:f:d:s", "cut -b LIST | -c LIST | -f LIST [-d DELIM] [-s] [FILE...]\n" +
  "Print selected parts of lines from each FILE to standard output.\n" +
  "  -b LIST  select only these bytes      -c LIST  select only these characters\n" +
  "  -f LIST  select only these fields     -d DELIM use DELIM instead of TAB for field delimiter\n" +
  "  -s       do not print lines not containing delimiters\n").parse();
tool.usageStatus = 1;
const mode = tool.has("f") ? "f" : tool.has("b") ? "b" : tool.has("c") ? "c" : "";
if (mode == "") tool.die("you must specify a list of bytes, characters, or fields\nTry 'cut --help' for more information.");
const delimText = tool.value("d", "\t");
if (delimText.length != 1) tool.die("the delimiter must be a single character\nTry 'cut --help' for more information.");
const delim = <u32>delimText.charCodeAt(0);
const lo: i32[] = [], hi: i32[] = [];       // 1-based inclusive ranges; hi 0: to the end
parseList(tool.value(mode));

function parseList(list: string): void {
  const parts = list.split(",");
  for (let i = 0; i < parts.length; i++) {
    const s = parts[i], dash = s.indexOf("-");
    const a = dash < 0 ? parseInteger(s, -1) : dash == 0 ? 1 : parseInteger(s.substring(0, dash), -1);
    const b = dash < 0 ? a : dash == s.length - 1 ? 0 : parseInteger(s.substring(dash + 1), -1);
    if (a == 0) tool.die((mode == "f" ? "fields" : "byte/character positions") + " are numbered from 1\nTry 'cut --help' for more information.");
    if (a < 1 || b < 0 || (b != 0 && b < a)) tool.die("invalid byte, character or field list\nTry 'cut --help' for more information.");
    lo.push(<i32>a); hi.push(<i32>b);
  }
}

function selected(n: i32): bool {
  for (let i = 0; i < lo.length; i++) if (n >= lo[i] && (hi[i] == 0 || n <= hi[i])) return true;
  return false;
}

function cutBytes(p: usize, n: usize): void {
  for (let i: usize = 0; i < n; i++) if (selected(<i32>i + 1)) outByte(load<u8>(p + i));
  outByte(0x0a);
}

function cutFields(p: usize, n: usize): void {
  let has = false;
  for (let i: usize = 0; i < n; i++) if (<u32>load<u8>(p + i) == delim) { has = true; break; }
  if (!has) { if (!tool.has("s")) { outBytes(p, n); outByte(0x0a); } return; }
  let field = 1, start: usize = 0, first = true;
  for (let i: usize = 0; i <= n; i++) {
    if (i < n && <u32>load<u8>(p + i) != delim) continue;
    if (selected(field)) { if (!first) outByte(delim); outBytes(p + start, i - start); first = false; }
    field++; start = i + 1;
  }
  outByte(0x0a);
}

function cutOne(name: string): void {
  const fd = name == "-" ? 0 : open(name, O_RDONLY);
  if (fd < 0) { tool.fail(name, fd); return; }
  const r = new LineReader(<i32>fd);
  while (r.next()) { if (mode == "f") cutFields(r.ptr, r.len); else cutBytes(r.ptr, r.len); }
  if (r.err < 0) tool.fail(name, r.err);
  if (fd != 0) close(<i32>fd);
}

const files = tool.operands.length > 0 ? tool.operands : ["-"];
for (let i = 0; i < files.length; i++) cutOne(files[i]);
tool.exit();
