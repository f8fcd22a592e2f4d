// Issue 14's acceptance for the shell: one script uses each feature of the shell and its output is
// checked. Part one runs the script with `sh -c` in wasmos and with dash (tests/helpers/dash.ts)
// and requires the same stdout, stderr and status, and pins the lines each feature prints: ; && ||,
// pipelines, ( ) subshells, < > >> 2> 2>&1 and here-documents, quoting, variables and export, $? $$
// $! $# $@ $*, globbing, background jobs and wait, cd pwd echo exit export unset set -e set -x
// test [ true false read ., if/elif, for, while, comments, a script file run with arguments, a
// command not found (127). Part two drives the interactive shell at a terminal
// (tests/helpers/terminal.ts) for what only it has: the prompt showing the directory, `jobs` and
// `fg`, Ctrl-C ending the foreground job and not the shell, `source`, errors that do not end it.
import { describe, it, expect } from "vitest";
import { existsSync } from "node:fs";
import { DASH, wasmosSh, dashSh } from "./helpers/dash";
import { openTerminal } from "./helpers/terminal";

const SCRIPT = `# Each feature of the shell in one script (a comment line).
echo start # a comment after a command
echo one; echo two
true && echo and-ran; false && echo and-skipped
false || echo or-ran; true || echo or-skipped
echo through a pipe | cat | wc -w
x=outer; (x=inner; echo "in subshell: $x"); echo "after subshell: $x"
(exit 3); echo "subshell status: $?"
echo first > f; echo second >> f; cat < f
cat nofile 2> err; echo "cat status: $?"; wc -l < err
cat nofile 2>&1 | wc -l
cat <<EOF
here-document: x=$x sum=$((2 + 3)) sub=$(echo substituted)
EOF
cat <<'EOF'
quoted here-document: $x $(not run)
EOF
echo 'single $x' "double $x" back\\ slash \\$x "a \\"q\\""
y=value; export EXPORTED=exported; NOTEXP=local; sh -c 'echo "child: [$EXPORTED] [$NOTEXP]"'
unset y; echo "unset: [\${y-gone}]"
false; echo "status of false: $?"; true; echo "status of true: $?"
[ "$$" -gt 0 ] && echo "\\$\\$ is a pid"
sleep 0 & bg=$!; [ "$bg" -gt 1 ] && echo "\\$! is a pid"; wait $bg; echo "wait status: $?"
(exit 5) & wait $!; echo "wait for \\$!: $?"
set -- one 'two words' three; echo "\\$# = $#"; for a in "$@"; do echo "[$a]"; done; echo "\\$* = $*"
mkdir dir; : > dir/a.txt; : > dir/b.txt; : > dir/c.log; echo dir/*.txt dir/?.log dir/[ab].txt dir/*.none
cd dir; echo "cd: \${PWD##*/}"; [ "$(pwd)" = "$PWD" ] && echo "pwd agrees"; cd ..
echo -n "echo -n; "; echo done
test 2 -gt 1 && echo "test ok"; [ -f dir/a.txt ] && echo "[ ok"; [ -d nodir ] || echo "[ -d nodir fails"
read first rest < f; echo "read: [$first] [$rest]"
printf 'echo "sourced with [$1]"; sourced=yes\\n' > lib.sh; . ./lib.sh; echo "sourced=$sourced"
if [ -d dir ]; then echo "if: then"; else echo "if: else"; fi
if false; then :; elif true; then echo "elif"; fi
for i in 1 2 3; do printf '%s ' "$i"; done; echo
i=0; while [ $i -lt 4 ]; do i=$((i + 1)); done; echo "while: $i"
printf 'echo "script: $0 $# [$1] [$2]"\\nexit 4\\n' > script.sh; sh script.sh a 'b c'; echo "script status: $?"
nosuchcommand; echo "not found: $?"
(set -x; echo traced) 2>&1
(set -e; echo before; false; echo never); echo "set -e status: $?"
(exit 7); echo "exit status: $?"
`;

// What the features print, in order (the same as dash prints; checked here so that the test does
// not rest on the comparison alone).
const EXPECTED = [
  "start", "one", "two", "and-ran", "or-ran", "3", "in subshell: inner", "after subshell: outer",
  "subshell status: 3", "first", "second", "cat status: 1", "1", "1",
  "here-document: x=outer sum=5 sub=substituted", "quoted here-document: $x $(not run)",
  "single $x double outer back slash $x a \"q\"", "child: [exported] []", "unset: [gone]",
  "status of false: 1", "status of true: 0", "$$ is a pid", "$! is a pid", "wait status: 0",
  "wait for $!: 5", "$# = 3", "[one]", "[two words]", "[three]", "$* = one two words three",
  "dir/a.txt dir/b.txt dir/c.log dir/a.txt dir/b.txt dir/*.none", "cd: dir", "pwd agrees",
  "echo -n; done", "test ok", "[ ok", "[ -d nodir fails", "read: [first] []", "sourced with [one]",
  "sourced=yes", "if: then", "elif", "1 2 3 ", "while: 4", "script: script.sh 2 [a] [b c]",
  "script status: 4", "not found: 127", "+ echo traced", "traced", "before", "set -e status: 1",
  "exit status: 7", ""].join("\n");

describe.skipIf(!existsSync(DASH))("sh: every feature in one script, against dash", () => {
  it("prints what dash prints", async () => {
    const got = await wasmosSh(SCRIPT);
    expect(got).toEqual(dashSh(SCRIPT));
    expect(got.out).toBe(EXPECTED);
    expect(got.err).toBe("sh: 37: nosuchcommand: not found\n");
    expect(got.code).toBe(0);
  }, 120_000);
});

describe("sh: the interactive features at a terminal", () => {
  it("prompt with the directory, jobs, fg, Ctrl-C, source, errors", async () => {
    const t = await openTerminal("/bin/sh", ["sh"], { disk: undefined });
    const step = async (keys: string, prompt: string) => {
      const n = t.err().length;
      t.type(keys);
      for (const t0 = Date.now(); !(t.err().length > n && t.err().endsWith(prompt)); await new Promise((r) => setTimeout(r, 5))) {
        if (Date.now() - t0 > 20_000) throw new Error(`waiting for ${JSON.stringify(prompt)}: ${JSON.stringify(t.out())} ${JSON.stringify(t.err())}`);
      }
    };
    await t.waitErr("/ $ ");
    await step("mkdir /work; cd /work\r", "/work $ ");
    await step("printf 'echo sourced $1\\n' > lib.sh; source ./lib.sh one\r", "/work $ ");
    await step("while :; do :; done &\r", "/work $ ");    // (sleep would end at once: the clock is virtual)
    await step("jobs\r", "/work $ ");
    t.type("fg\r");
    await t.waitOut("\r\nwhile :; do :; done\r\n");
    await step("\x03", "/work $ ");                       // Ctrl-C ends the loop, not the shell
    await step("echo alive $?\r", "/work $ ");
    await step("sleep 0 & wait; echo waited $?\r", "/work $ ");
    await step("nosuch; echo $?\r", "/work $ ");
    t.type("cd /; exit 6\r");
    await t.done;
    expect(t.m.exitOf(t.pid)?.code).toBe(6);
    expect(t.out()).toBe("sourced one\r\n" + `[1] + Running${" ".repeat(20)}while :; do :; done\r\n` + "while :; do :; done\r\n^C" +
      "alive 130\r\n" + "waited 0\r\n" + "127\r\n");
    expect(t.err().replace(/\[1\] \d+/g, "[1] PID")).toBe("/ $ mkdir /work; cd /work\r\n" +
      "/work $ printf 'echo sourced $1\\n' > lib.sh; source ./lib.sh one\r\n" +
      "/work $ while :; do :; done &\r\n[1] PID\r\n/work $ jobs\r\n/work $ fg\r\n\r\n" +
      "/work $ echo alive $?\r\n/work $ sleep 0 & wait; echo waited $?\r\n[1] PID\r\n" +
      "/work $ nosuch; echo $?\r\nsh: 8: nosuch: not found\r\n/work $ cd /; exit 6\r\n");
  }, 120_000);
});
