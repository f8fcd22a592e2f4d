// grep: print the lines of each FILE (stdin with none, or "-") that match PATTERN, a POSIX basic
// regular expression: literal bytes, '.', bracket expressions ([a-z], [^...], [[:digit:]]), '*',
// GNU's '\+' and '\?', anchors '^' and '$' (-F: a fixed string). -v selects non-matching lines,
// -c counts them, -i ignores ASCII case, -n numbers lines, -l lists matching files, -q is quiet,
// -h/-H hide/show file names (shown by default with several files). Exit 0 if a line was selected,
// 1 if none, 2 on an error, as GNU grep.
// Usage: grep [-vcinlqhHF] [-e] PATTERN [FILE...]
import { Tool, LineReader, Regex, out, outBytes, outByte, open, close, O_RDONLY } from "../sdk";

const tool = new Tool("grep", "vcinlqhHFe:", "grep [-vcinlqhHF] [-e] PATTERN [FILE...]\n" +
  "Search for PATTERN (a basic regular expression) in each FILE.\n" +
  "  -e PATTERN  use PATTERN   -F  PATTERN is a fixed string   -i  ignore case distinctions\n" +
  "  -v  select non-matching lines   -c  print only a count of selected lines per FILE\n" +
  "  -n  print line number with output lines   -l  print only names of FILEs with selected lines\n" +
  "  -q  suppress all normal output   -H  print the file name for each match   -h  suppress it\n");
tool.usageStatus = 2;
tool.parse();
const ops = tool.operands;
if (!tool.has("e") && ops.length == 0) tool.die("no pattern given\nUsage: grep [OPTION]... PATTERNS [FILE]...", 2);
const pattern = tool.has("e") ? tool.value("e") : ops.shift();
const re = new Regex(pattern, tool.has("i"), tool.has("F"));
if (re.error.length > 0) tool.die(re.error, 2);
const files = ops.length > 0 ? ops : ["-"];
const names = tool.has("H") || (files.length > 1 && !tool.has("h"));
let anySelected = false, hadError = false;

function show(name: string, lineNo: i64, r: LineReader): void {
  if (names) out(name + ":");
  if (tool.has("n")) out(lineNo.toString() + ":");
  outBytes(r.ptr, r.len);
  outByte(0x0a);
}

function grepOne(name: string): void {
  const fd = name == "-" ? 0 : open(name, O_RDONLY);
  const label = name == "-" ? "(standard input)" : name;
  if (fd < 0) { tool.fail(name, fd); hadError = true; return; }
  const r = new LineReader(<i32>fd);
  let count: i64 = 0, lineNo: i64 = 0;
  while (r.next()) {
    lineNo++;
    if (re.test(r.ptr, r.len) == tool.has("v")) continue;
    count++; anySelected = true;
    if (tool.has("q")) { tool.status = 0; tool.exit(); }
    if (tool.has("l")) break;
    if (!tool.has("c")) show(label, lineNo, r);
  }
  if (r.err < 0) { tool.fail(name, r.err); hadError = true; }
  if (tool.has("c")) out((names ? label + ":" : "") + count.toString() + "\n");
  if (tool.has("l") && count > 0) out(label + "\n");
  if (fd != 0) close(<i32>fd);
}

for (let i = 0; i < files.length; i++) grepOne(files[i]);
tool.status = hadError && !(tool.has("q") && anySelected) ? 2 : anySelected ? 0 : 1;
tool.exit();
