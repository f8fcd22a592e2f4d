// uname: print system information from uname(2): -s kernel name (the default), -n node name,
// -r release, -v version, -m machine, -o operating system, -a all of them, in GNU's order.
// Usage: uname [-asnrvmo]
import { Tool, out, uname, fromCstr, UTSNAME_SIZE, UTS_SYSNAME, UTS_NODENAME, UTS_RELEASE, UTS_VERSION, UTS_MACHINE } from "../sdk";

const tool = new Tool("uname", "asnrvmo", "uname [-asnrvmo]\nPrint certain system information. With no option, same as -s.\n" +
  "  -a  print all information      -s  the kernel name     -n  the network node hostname\n" +
  "  -r  the kernel release         -v  the kernel version  -m  the machine hardware name\n" +
  "  -o  the operating system\n").parse();
if (tool.operands.length > 0) tool.die("extra operand '" + tool.operands[0] + "'\nTry 'uname --help' for more information.");
const buf = memory.data(<i32>UTSNAME_SIZE);
const r = uname(buf);
if (r < 0) tool.fail("cannot get system name", r);
const all = tool.has("a");
const fields: string[] = [];
const want = (c: string): bool => all || tool.has(c);
if (want("s") || (!all && !tool.has("n") && !tool.has("r") && !tool.has("v") && !tool.has("m") && !tool.has("o"))) fields.push(fromCstr(buf + UTS_SYSNAME));
if (want("n")) fields.push(fromCstr(buf + UTS_NODENAME));
if (want("r")) fields.push(fromCstr(buf + UTS_RELEASE));
if (want("v")) fields.push(fromCstr(buf + UTS_VERSION));
if (want("m")) fields.push(fromCstr(buf + UTS_MACHINE));
if (want("o")) fields.push("wasmos");
out(fields.join(" ") + "\n");
tool.exit();
