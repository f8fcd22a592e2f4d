// env: print the environment, one NAME=VALUE a line; or run COMMAND in a changed environment:
// -i starts from an empty one, -u NAME removes NAME, NAME=VALUE words set. COMMAND without a '/'
// is looked up in /bin. Exit 127 if COMMAND is not found, 126 if it cannot be run, as GNU env.
// Usage: env [-i] [-u NAME] [NAME=VALUE]... [COMMAND [ARG]...]
import { argc, arg, env, out, flushOut, eprint, execv, strerror, exit_group, Errno } from "../sdk";

let vars: string[] = [];
let i = 1, clear = false;
const drop: string[] = [];
for (; i < argc(); i++) {                      // options stop at the first other word (GNU: POSIX order)
  const a = arg(i);
  if (a == "-i" || a == "-") clear = true;
  else if (a == "-u" && i + 1 < argc()) drop.push(arg(++i));
  else if (a == "--help") { out("Usage: env [-i] [-u NAME] [NAME=VALUE]... [COMMAND [ARG]...]\nSet each NAME to VALUE in the environment and run COMMAND.\n"); flushOut(); exit_group(0); }
  else if (a == "--") { i++; break; }
  else break;
}
if (!clear) vars = env();
for (; i < argc() && arg(i).includes("="); i++) set(arg(i));
for (let k = 0; k < drop.length; k++) unset(drop[k] + "=");

// Remove every variable starting with prefix ("NAME=").
function unset(prefix: string): void {
  const kept: string[] = [];
  for (let k = 0; k < vars.length; k++) if (!vars[k].startsWith(prefix)) kept.push(vars[k]);
  vars = kept;
}

function set(kv: string): void {
  unset(kv.substring(0, kv.indexOf("=") + 1));
  vars.push(kv);
}

if (i >= argc()) {
  for (let k = 0; k < vars.length; k++) out(vars[k] + "\n");
  flushOut();
  exit_group(0);
}
const name = arg(i);
const args: string[] = [];
for (let k = i; k < argc(); k++) args.push(arg(k));
const r = execv(name.includes("/") ? name : "/bin/" + name, args, vars);
eprint("env: '" + name + "': " + strerror(<i32>-r) + "\n");
exit_group(r == -Errno.ENOENT ? 127 : 126);
