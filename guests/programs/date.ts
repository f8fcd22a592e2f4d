// date: print the time (the machine's CLOCK_REALTIME, or -d @SECONDS) in UTC, as GNU date in the C
// locale: "Thu Jan  1 00:00:00 UTC 1970" by default, or +FORMAT with the strftime conversions
// %a %A %b %B %c %C %d %D %e %F %H %I %j %k %l %m %M %n %p %r %R %s %S %t %T %u %w %y %Y %z %Z %%.
// -u (UTC) is accepted; there is no other zone here. Exit 1 on a bad -d ("date: invalid date 'X'").
// Usage: date [-u] [-d @SECONDS] [+FORMAT]
import { Tool, out, nowNs, Civil, MONTHS, WEEKDAYS, MONTH_NAMES, WEEKDAY_NAMES, pad2, epochSeconds, isDigit, CLOCK_REALTIME } from "../sdk";

const tool = new Tool("date", "ud:", "date [-u] [-d @SECONDS] [+FORMAT]\n" +
  "Display the date and time in the given FORMAT.\n  -d @SECONDS  display that time, not now\n" +
  "  -u  print Coordinated Universal Time (UTC)\n").parse();
const NS_PER_SEC: i64 = 1_000_000_000;
const DEFAULT = "%a %b %e %H:%M:%S %Z %Y";

function parseDate(s: string): i64 {
  const bad = s.length < 2 || s.charAt(0) != "@";
  const neg = !bad && s.charAt(1) == "-";
  let v: i64 = 0, digits = 0;
  for (let i = neg ? 2 : 1; !bad && i < s.length; i++, digits++) {
    if (!isDigit(s.charCodeAt(i))) { digits = 0; break; }
    v = v * 10 + s.charCodeAt(i) - 0x30;
  }
  if (bad || digits == 0) tool.die("invalid date '" + s + "'");
  return neg ? -v : v;
}

function sp2(n: i32): string { return n.toString().padStart(2); }

/** One conversion %c of the time t (c its fields). */
function conv(ch: string, t: i64, c: Civil): string {
  const h12 = c.hour % 12 == 0 ? 12 : c.hour % 12;
  if (ch == "a") return WEEKDAYS[c.weekday];
  if (ch == "A") return WEEKDAY_NAMES[c.weekday];
  if (ch == "b" || ch == "h") return MONTHS[c.month - 1];
  if (ch == "B") return MONTH_NAMES[c.month - 1];
  if (ch == "c") return format("%a %b %e %H:%M:%S %Y", t, c);
  if (ch == "C") return pad2(<i32>(c.year / 100));
  if (ch == "d") return pad2(c.day);
  if (ch == "D") return format("%m/%d/%y", t, c);
  if (ch == "e") return sp2(c.day);
  if (ch == "F") return format("%Y-%m-%d", t, c);
  if (ch == "H") return pad2(c.hour);
  if (ch == "I") return pad2(h12);
  if (ch == "j") return (<i32>((t - epochSeconds(c.year, 1, 1, 0, 0, 0)) / 86400) + 1).toString().padStart(3, "0");
  if (ch == "k") return sp2(c.hour);
  if (ch == "l") return sp2(h12);
  if (ch == "m") return pad2(c.month);
  if (ch == "M") return pad2(c.minute);
  if (ch == "n") return "\n";
  if (ch == "p") return c.hour < 12 ? "AM" : "PM";
  if (ch == "r") return format("%I:%M:%S %p", t, c);
  if (ch == "R") return format("%H:%M", t, c);
  if (ch == "s") return t.toString();
  if (ch == "S") return pad2(c.second);
  if (ch == "t") return "\t";
  if (ch == "T") return format("%H:%M:%S", t, c);
  if (ch == "u") return (c.weekday == 0 ? 7 : c.weekday).toString();
  if (ch == "w") return c.weekday.toString();
  if (ch == "y") return pad2(<i32>(c.year % 100));
  if (ch == "Y") return c.year.toString();
  if (ch == "z") return "+0000";
  if (ch == "Z") return "UTC";
  if (ch == "%") return "%";
  return "%" + ch;                     // unknown: as written, as GNU date
}

function format(f: string, t: i64, c: Civil): string {
  let s = "";
  for (let i = 0; i < f.length; i++) {
    const ch = f.charAt(i);
    if (ch != "%" || i + 1 == f.length) { s += ch; continue; }
    s += conv(f.charAt(++i), t, c);
  }
  return s;
}

let fmt = DEFAULT;
for (let i = 0; i < tool.operands.length; i++) {
  const o = tool.operands[i];
  if (!o.startsWith("+")) tool.die("invalid date '" + o + "'");
  if (i > 0) tool.die("extra operand '" + o + "'\nTry 'date --help' for more information.");
  fmt = o.substring(1);
}
const t = tool.has("d") ? parseDate(tool.value("d")) : nowNs(CLOCK_REALTIME) / NS_PER_SEC;
out(format(fmt, t, Civil.of(t)) + "\n");
tool.exit();
