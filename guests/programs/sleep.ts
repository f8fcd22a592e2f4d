// sleep: pause for the sum of the DURATIONs given, each a number (fractions allowed) with an
// optional suffix s (seconds, the default), m, h or d, on the machine's virtual clock. Every invalid
// DURATION is reported before the exit (status 1), as GNU sleep does.
// Usage: sleep DURATION...
import { Tool, sleepNs, writeString } from "../sdk";

const tool = new Tool("sleep", "", "sleep NUMBER[SUFFIX]...\nPause for NUMBER seconds; SUFFIX may be s, m, h or d.\n").parse();
if (tool.operands.length == 0) tool.die("missing operand\nTry 'sleep --help' for more information.");
let total: f64 = 0;
for (let i = 0; i < tool.operands.length; i++) total += seconds(tool.operands[i]);
if (tool.status != 0) { writeString(2, "Try 'sleep --help' for more information.\n"); tool.exit(); }
sleepNs(<i64>(total * 1e9));
tool.exit();

/** Whether num is a decimal number: digits with at most one '.', at least one digit, an optional
 *  exponent (e, a sign, digits), as strtod reads it. */
function isNumber(num: string): bool {
  let i = 0, digits = 0, dot = false;
  for (; i < num.length; i++) {
    const c = num.charCodeAt(i);
    if (c == 0x2e && !dot) { dot = true; continue; }
    if (c < 0x30 || c > 0x39) break;
    digits++;
  }
  if (digits == 0) return false;
  if (i == num.length) return true;
  if (num.charAt(i) != "e" && num.charAt(i) != "E") return false;
  i++;
  if (i < num.length && (num.charAt(i) == "+" || num.charAt(i) == "-")) i++;
  if (i == num.length) return false;
  for (; i < num.length; i++) { const c = num.charCodeAt(i); if (c < 0x30 || c > 0x39) return false; }
  return true;
}

function seconds(s: string): f64 {
  const unit = s.length > 0 ? "smhd".indexOf(s.charAt(s.length - 1)) : -1;
  const num = unit >= 0 ? s.substring(0, s.length - 1) : s;
  if (!isNumber(num)) { tool.warn("invalid time interval '" + s + "'"); tool.status = 1; return 0; }
  return parseFloat(num) * [1.0, 60.0, 3600.0, 86400.0][max(unit, 0)];
}
