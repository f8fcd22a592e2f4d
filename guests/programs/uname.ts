// uname: print system information from uname(2): -s kernel name (the default), -n node name,
// -r release, -v version, -m machine, -p processor and -i hardware platform ("unknown": uname(2)
// does not say), -o operating system; -a all of them but -p and -i when unknown, in GNU's order.
// Usage: uname [-asnrvmpio]
import { Tool, out, uname, fromCstr, UTSNAME_SIZE, UTS_SYSNAME, UTS_NODENAME, UTS_RELEASE, UTS_VERSION, UTS_MACHINE } from "../sdk";

const tool = new Tool("uname", "asnrvmpio", "uname [-asnrvmpio]\nPrint certain system information. With no option, same as -s.\n" +
  "  -a  print all information      -s  the kernel name     -n  the network node hostname\n" +
  "  -r  the kernel release         -v  the kernel version  -m  the machine hardware name\n" +
  "  -p  the processor type         -i  the hardware platform  -o  the operating system\n").parse();
if (tool.operands.length > 0) tool.die("extra operand '" + tool.operands[0] + "'\nTry 'uname --help' for more information.");
const buf = memory.data(<i32>UTSNAME_SIZE);
const r = uname(buf);
if (r < 0) tool.fail("cannot get system name", r);
const all = tool.has("a");
const fields: string[] = [];
const want = (c: string): bool => all || tool.has(c);
const UNKNOWN = "unknown";
if (want("s") || (!all && !tool.has("n") && !tool.has("r") && !tool.has("v") && !tool.has("m") && !tool.has("p") && !tool.has("i") &&
  !tool.has("o"))) fields.push(fromCstr(buf + UTS_SYSNAME));
if (want("n")) fields.push(fromCstr(buf + UTS_NODENAME));
if (want("r")) fields.push(fromCstr(buf + UTS_RELEASE));
if (want("v")) fields.push(fromCstr(buf + UTS_VERSION));
if (want("m")) fields.push(fromCstr(buf + UTS_MACHINE));
if (tool.has("p") && !all) fields.push(UNKNOWN);    // -a omits the unknown ones, even when named too (GNU)
if (tool.has("i") && !all) fields.push(UNKNOWN);
if (want("o")) fields.push("wasmos");
out(fields.join(" ") + "\n");
tool.exit();
