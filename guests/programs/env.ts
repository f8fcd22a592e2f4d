// env: print the environment, one NAME=VALUE a line (-0: each ended by a null instead); or run
// COMMAND in a changed environment: -i (or a lone "-") starts from an empty one, -u NAME removes
// NAME, then the NAME=VALUE words set (GNU's order). Options stop at the first other word.
// COMMAND without a '/' is looked up in $PATH (/bin without one). Exit 125 on bad usage, 127 if
// COMMAND is not found, 126 if it cannot be run, as GNU env.
// Usage: env [-i0] [-u NAME]... [-] [NAME=VALUE]... [COMMAND [ARG]...]
import { Tool, out, outByte, env, execv, strerror, Errno } from "../sdk";

const tool = new Tool("env", "+i0u:", "env [OPTION]... [-] [NAME=VALUE]... [COMMAND [ARG]...]\n" +
  "Set each NAME to VALUE in the environment and run COMMAND.\n" +
  "  -i, -       start with an empty environment\n  -0          end each output line with NUL, not newline\n" +
  "  -u NAME     remove variable from the environment\n");
tool.usageStatus = 125;
tool.parse();
const words = tool.operands;
let i = 0;
if (i < words.length && words[i] == "-") i++;
let vars: string[] = tool.has("i") || i > 0 ? [] : env();
const drop = tool.all("u");
for (let k = 0; k < drop.length; k++) {
  if (drop[k] == "" || drop[k].includes("=")) tool.die("cannot unset '" + drop[k] + "': Invalid argument", 125);
  unset(drop[k] + "=");
}
for (; i < words.length && words[i].includes("="); i++) set(words[i]);

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

/** The value of PATH in the new environment, or /bin. */
function searchPath(): string {
  for (let k = 0; k < vars.length; k++) if (vars[k].startsWith("PATH=")) return vars[k].substring(5);
  return "/bin";
}

/** execve COMMAND (searched in PATH when it has no '/'); returns the most telling error. */
function execute(args: string[]): i64 {
  const name = args[0];
  if (name.includes("/")) return execv(name, args, vars);
  const dirs = searchPath().split(":");
  let err: i64 = -Errno.ENOENT;
  for (let k = 0; k < dirs.length; k++) {
    const r = execv((dirs[k] == "" ? "." : dirs[k]) + "/" + name, args, vars);
    if (r != -Errno.ENOENT && r != -Errno.ENOTDIR) err = r;
  }
  return err;
}

if (i >= words.length) {
  for (let k = 0; k < vars.length; k++) { out(vars[k]); outByte(tool.has("0") ? 0 : 0x0a); }
  tool.exit();
}
if (tool.has("0")) tool.die("cannot specify --null (-0) with command\nTry 'env --help' for more information.", 125);
const r = execute(words.slice(i));
tool.die("'" + words[i] + "': " + strerror(<i32>-r), r == -Errno.ENOENT ? 127 : 126);
