// sleep: pause for the sum of the DURATIONs given, each a number (fractions allowed) with an
// optional suffix s (seconds, the default), m, h or d, on the machine's virtual clock.
// Usage: sleep DURATION...
import { Tool, sleepNs } from "../sdk";

const tool = new Tool("sleep", "", "sleep NUMBER[SUFFIX]...\nPause for NUMBER seconds; SUFFIX may be s, m, h or d.\n").parse();
if (tool.operands.length == 0) tool.die("missing operand\nTry 'sleep --help' for more information.");
let total: f64 = 0;
for (let i = 0; i < tool.operands.length; i++) total += seconds(tool.operands[i]);
sleepNs(<i64>(total * 1e9));
tool.exit();

function seconds(s: string): f64 {
  const unit = s.length > 0 ? "smhd".indexOf(s.charAt(s.length - 1)) : -1;
  const num = unit >= 0 ? s.substring(0, s.length - 1) : s;
  let ok = num.length > 0, dot = false;
  for (let i = 0; i < num.length; i++) {
    const c = num.charCodeAt(i);
    if (c == 0x2e && !dot) { dot = true; continue; }
    if (c < 0x30 || c > 0x39) ok = false;
  }
  if (!ok) { tool.die("invalid time interval '" + s + "'\nTry 'sleep --help' for more information."); return 0; }
  return parseFloat(num) * [1.0, 60.0, 3600.0, 86400.0][max(unit, 0)];
}
