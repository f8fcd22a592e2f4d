// The shell against dash: each script runs in wasmos (`sh -c SCRIPT` on a fresh machine, in "/")
// and with the host's dash (invoked as "sh", in an empty temporary directory); stdout, stderr and
// the exit status must be the same. The scripts use built-ins and a few programs both systems have
// (cat, wc, mkdir), and only relative paths for the files they make.
import { describe, it, expect } from "vitest";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { boot, distGuest } from "./helpers/machine";

const DASH = "/usr/bin/dash";

async function wasmos(script: string, args: string[]) {
  const b = await boot({ disk: undefined });
  const pid = await b.m.spawn(distGuest("sh"), ["sh", "-c", script, ...args]);
  await b.m.run();
  return { out: b.stdout(), err: b.stderr(), code: b.m.exitOf(pid)?.code };
}

function dash(script: string, args: string[]) {
  const dir = mkdtempSync(join(tmpdir(), "wasmos-dash-"));
  try {
    const r = spawnSync(DASH, ["-c", script, ...args], { argv0: "sh", cwd: dir, encoding: "utf8",
      env: { PATH: "/usr/bin:/bin" }, input: "" });
    return { out: r.stdout, err: r.stderr, code: r.status ?? undefined };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

type Case = [string, string] | [string, string, string[]];

const CASES: Case[] = [
  // lists and status
  ["&& and ||", "echo a && echo b; false && echo no; false || echo c; true || echo no"],
  ["; and newlines", "echo one; echo two\necho three"],
  ["! inverts", "! false; echo $?; ! true; echo $?"],
  ["$? after a failure", "false; echo $?; true; echo $?"],
  ["exit status of the script", "echo x; exit 7"],
  ["exit without a number keeps $?", "false; exit"],
  ["a && chain stops", "true && false && echo no; echo $?"],
  ["|| after &&", "false && echo a || echo b"],
  // pipelines
  ["a pipeline", "echo hello | cat | wc -c"],
  ["a pipeline's status is the last command's", "false | true; echo $?; true | false; echo $?"],
  ["a loop in a pipeline", "for i in 1 2 3; do echo $i; done | wc -l"],
  ["a pipeline into a while read loop", "printf 'a b\\nc d\\n' | while read x y; do echo \"$y-$x\"; done"],
  ["a builtin in a pipeline does not change the shell", "x=1; echo | x=2; echo $x"],
  // subshells and groups
  ["( ) does not change the shell", "x=1; (x=2; echo in $x); echo out $x"],
  ["( ) exit status", "(exit 3); echo $?"],
  ["{ } runs in the shell", "x=1; { x=2; echo in $x; }; echo out $x"],
  ["{ } with a redirection", "{ echo a; echo b; } > f; cat f"],
  ["cd in a subshell", "mkdir d; (cd d; echo ${PWD##*/}); [ -d d ] && echo still outside"],
  // redirections
  ["> and <", "echo hi > f; cat < f"],
  [">> appends", "echo a > f; echo b >> f; cat f"],
  ["2> and 2>&1", "cat nofile 2> e; echo $?; cat e; cat nofile 2>&1 | wc -l"],
  [">&2 goes to stderr", "echo to-err >&2; echo to-out"],
  ["fd 3 with exec-less redirection", "echo x 3>f3 >&3; cat f3"],
  ["<> opens for reading and writing", "echo data > f; cat 0<> f"],
  ["a here-document", "cat <<EOF\nline one\n  line two\nEOF"],
  ["a here-document expands", "x=world; cat <<EOF\nhello $x $((1+2)) $(echo sub)\nEOF"],
  ["a quoted here-document does not expand", "x=world; cat <<'EOF'\nhello $x\nEOF"],
  ["<<- strips tabs", "cat <<-EOF\n\tindented\n\t\tmore\n\tEOF"],
  ["a here-document longer than a pipe page", "cat <<EOF | wc -c\n" + ("0123456789".repeat(10) + "\n").repeat(60) + "EOF\necho $?"],
  ["two here-documents", "cat <<A; cat <<B\none\nA\ntwo\nB"],
  ["redirection failure", "cat < nofile; echo $?"],
  ["output redirection failure", "echo x > nodir/f; echo $?"],
  ["a builtin's redirection is undone", "echo a > f; echo b; cat f"],
  ["redirection with no command", "> empty; wc -c < empty"],
  // quoting
  ["single quotes", "echo 'a  $x \"b\"'"],
  ["double quotes", "x=1; echo \"a  $x 'b' \\$x \\\\ \\\"\""],
  ["backslashes", "echo a\\ b \\$x \\\\"],
  ["quotes join words", "echo 'a'\"b\"c"],
  ["empty quotes make an argument", "set -- '' \"\"; echo $#"],
  // variables and parameters
  ["assignment and expansion", "x=hello; y=$x-world; echo $y ${x}s"],
  ["${x:-d} ${x-d}", "unset x; echo ${x:-d1} ${x-d2}; x=; echo [${x:-d3}] [${x-d4}]"],
  ["${x:=d}", "unset x; echo ${x:=new}; echo $x"],
  ["${x:+a}", "x=1; echo [${x:+alt}]; unset x; echo [${x:+alt}]"],
  ["${x?msg} fails", "unset x; echo ${x?is missing}; echo never"],
  ["${#x}", "x=hello; echo ${#x}; echo ${#}"],
  ["${x%pat} ${x%%pat}", "f=archive.tar.gz; echo ${f%.*} ${f%%.*}"],
  ["${x#pat} ${x##pat}", "p=/usr/local/bin; echo ${p#*/} ${p##*/}"],
  ["patterns with classes", "x=abc123; echo ${x%%[0-9]*} ${x##*[a-z]}"],
  ["$# $@ $* with set --", "set -- a 'b c' d; echo $#; for a in \"$@\"; do echo \"[$a]\"; done; echo \"$*\""],
  ["$1 .. $9 and ${10}", "set -- 1 2 3 4 5 6 7 8 9 10 11; echo $1 $9 ${10} ${11}"],
  ["-c arguments", "echo $0 $1 $2 $#", ["name", "x", "y"]],
  ["shift", "set -- a b c; shift; echo $@; shift 2; echo $#"],
  ["shift too many", "set -- a; shift 3; echo no"],
  ["\"$@\" with no arguments", "set --; for a in \"$@\"; do echo x; done; echo done"],
  ["unset", "x=1; unset x; echo [${x}]"],
  ["readonly", "readonly r=1; r=2; echo never"],
  ["export to a program", "export V=exported; W=no; sh -c 'echo $V $W'"],
  ["assignment before a command", "V=tmp sh -c 'echo $V'; echo [$V]"],
  ["set -u", "set -u; echo $undefined_var; echo never"],
  ["$- shows options", "set -e; set -u; echo $-; set -xf; echo $- 2>&1"],
  // expansions
  ["$(cmd) and backquotes", "echo $(echo a b) `echo c`"],
  ["nested $( )", "echo $(echo $(echo deep))"],
  ["command substitution strips newlines", "x=$(printf 'a\\n\\n\\n'); echo \"[$x]\""],
  ["command substitution status", "x=$(exit 4); echo $?"],
  ["arithmetic", "echo $((1+2*3)) $((10/3)) $((10%3)) $(( (1+2)*3 )) $((-5+2))"],
  ["arithmetic with variables", "a=5; b=7; echo $((a*b)) $((a<b)) $((a==5 && b==7)) $((a>b ? 1 : 2))"],
  ["arithmetic assignment", "i=0; : $((i=i+5)); : $((i+=1)); echo $i"],
  ["arithmetic hex and octal", "echo $((0x10)) $((010)) $((1<<4)) $((255&15)) $((5^1)) $((~0))"],
  ["division by zero", "echo $((1/0)); echo never"],
  ["IFS splitting", "x='a b   c'; set -- $x; echo $#"],
  ["IFS with a custom separator", "IFS=:; x='a:b::c'; set -- $x; echo $#; for a; do echo \"[$a]\"; done"],
  ["quoted expansion does not split", "x='a b'; set -- \"$x\"; echo $#"],
  ["globbing", "mkdir g; cd g; : > b.txt; : > a.txt; : > c.log; echo *.txt; echo ?.log; echo [ab].txt"],
  ["an unmatched glob stays", "echo nomatch*.xyz"],
  ["quoted globs do not expand", "mkdir g; cd g; : > a; echo '*' \"*\" \\*"],
  ["dot files need a dot", "mkdir g; cd g; : > .hidden; : > shown; echo *; echo .h*"],
  ["set -f", "mkdir g; cd g; : > a; set -f; echo *"],
  // control flow
  ["if elif else", "for x in 1 2 3; do if [ $x = 1 ]; then echo one; elif [ $x = 2 ]; then echo two; else echo other; fi; done"],
  ["while", "i=0; while [ $i -lt 3 ]; do echo $i; i=$((i+1)); done"],
  ["until", "i=0; until [ $i -ge 2 ]; do echo $i; i=$((i+1)); done"],
  ["for over words", "for w in a 'b c' d; do echo \"<$w>\"; done"],
  ["break and continue", "for i in 1 2 3 4 5; do [ $i = 2 ] && continue; [ $i = 4 ] && break; echo $i; done"],
  ["break 2", "for i in 1 2; do for j in a b; do echo $i$j; break 2; done; done; echo after"],
  ["case with patterns", "for w in apple banana cherry 42; do case $w in a*) echo A;; b*|c*) echo BC;; [0-9]*) echo N;; esac; done"],
  ["case default and fall out", "case x in a) echo a;; *) echo default;; esac; case y in z) ;; esac; echo $?"],
  ["if status when no branch runs", "if false; then echo no; fi; echo $?"],
  // functions
  ["functions with arguments", "f() { echo \"$# [$1] [$2]\"; }; f a 'b c'; echo $#"],
  ["return status", "f() { return 5; }; f; echo $?"],
  ["functions see and set globals", "f() { g=set; }; f; echo $g"],
  ["local", "x=outer; f() { local x=inner; echo $x; }; f; echo $x"],
  ["recursion", "fact() { if [ $1 -le 1 ]; then echo 1; else echo $(( $1 * $(fact $(( $1 - 1 ))) )); fi; }; fact 4"],
  ["a function's positional parameters are restored", "set -- top; f() { echo $1; }; f inner; echo $1"],
  // builtins
  ["echo escapes", "echo 'a\\tb\\nc'; echo -n no-newline; echo; echo 'x\\cy'"],
  ["printf", "printf '%s-%d-%5s|%-5s|%x %o %c %%\\n' str 42 r l 255 8 char"],
  ["printf reuses its format", "printf '[%s]\\n' a b c"],
  ["printf %b and padding", "printf '%b|%05d|%.2s\\n' 'x\\ty' 42 abcdef"],
  ["printf a bad number", "printf '%d\\n' abc; echo $?"],
  ["test strings and numbers", "[ a = a ] && echo eq; [ a != b ] && echo ne; [ 3 -gt 2 ] && echo gt; [ -z '' ] && echo z; [ -n x ] && echo n"],
  ["test files", "mkdir d; : > f; [ -d d ] && echo dir; [ -f f ] && echo file; [ -e nope ] || echo missing; [ -s f ] || echo empty"],
  ["test ! -a -o", "[ ! -e nope -a 1 -eq 1 ] && echo yes; [ 1 -eq 2 -o 2 -eq 2 ] && echo or; test \\( 1 = 1 \\) && echo paren"],
  ["test errors", "[ 1 -eq x ]; echo $?; [ a = ]; echo $?"],
  ["read", "printf 'one two three\\n' > f; read a b < f; echo \"[$a] [$b]\""],
  ["read -r keeps backslashes", "printf 'a\\\\b c\\n' > f; read -r x < f; echo \"$x\"; read y < f; echo \"$y\""],
  ["read at end of input", ": > empty; read x < empty; echo $? [$x]"],
  ["eval", "x='echo evaluated'; eval $x; eval 'y=1; echo $y'"],
  [". runs a file in the shell", "echo 'sourced=yes; echo in file' > s.sh; . ./s.sh; echo $sourced"],
  ["command -v and type", "command -v echo; command -v cd; f() { :; }; command -v f; type f; type echo; type nonexistent_cmd; echo $?"],
  ["cd and OLDPWD", "mkdir -p a/b; cd a/b; cd ..; cd - > out; echo ${PWD##*/}; cd ..; echo ${OLDPWD##*/}"],
  ["cd to a missing directory", "cd nope; echo $?"],
  ["set -e stops the script", "set -e; echo before; false; echo after"],
  ["set -e ignores conditions", "set -e; if false; then :; fi; false || true; ! true; echo survived"],
  ["set -x traces", "set -x; echo traced; x=1"],
  ["trap EXIT", "trap 'echo bye' EXIT; echo hi"],
  ["trap EXIT on exit with a status", "trap 'echo cleanup' EXIT; exit 3"],
  // traps and signals
  ["trap runs between commands", "trap 'echo caught $?' USR1; false; kill -USR1 $$; echo after $?"],
  ["trap by number and reset by number", "trap 'echo t' 10 USR2; trap; trap 10 12; trap; echo [$(trap)]"],
  ["trap listing, quoting, - and reset", "trap 'echo a' INT TERM; trap - INT; trap \"it's\" HUP; trap; trap INT; (trap); trap 'echo x' 0; trap"],
  ["a bad trap", "trap 'echo x' SIGINT; echo $?; trap 'echo x' NOSUCH INT; echo $?; trap"],
  ["trap '' ignores, also in children", "trap '' USR1; kill -USR1 $$; echo ignored; sh -c 'kill -USR1 $$; echo child survived'; trap; trap - USR1; trap"],
  ["trap with exit", "trap 'echo bye' EXIT; trap 'echo usr; exit 5' USR1; kill -USR1 $$; echo never"],
  ["a trap calls a function, twice", "f() { echo f-trap; }; trap f USR2; kill -USR2 $$; kill -12 $$; echo end"],
  ["a subshell's signal reaches the parent's trap", "trap 'echo e' EXIT; trap 'echo u' USR1; ( kill -USR1 $$ ); echo sub"],
  ["a subshell does not keep the traps", "trap 'echo t' USR1; (sh -c 'kill -USR1 $PPID'; echo survived) & { wait $!; } 2>/dev/null; echo $?"],
  ["wait ends on a trapped signal", "trap 'echo hup' HUP; (sleep 1; kill -HUP $$) & wait; echo w=$?; wait; echo again $?"],
  ["read ends on a trapped signal", "(sleep 2; echo late) | sh -c 'trap \"echo trapped\" USR1; (sleep 1; kill -USR1 $$) & read x; echo \"read=$? [$x]\"'"],
  ["kill -l", "kill -l; kill -l 138; kill -l 9 64; kill -l 50; kill -l 34 35"],
  ["kill errors", "kill; echo $?; kill -s; kill -x 1; kill -s FOO 1; kill abc; kill -l INT; kill -l 0; echo $?"],
  ["kill -s and -SIG", "trap 'echo term' TERM; trap 'echo int' INT; kill $$; kill -s int $$; kill -INT $$; kill -2 $$; kill -s 15 $$"],
  ["kill a pid that is gone", "kill 999999; echo $?"],
  ["exec with redirections only", "exec > f; echo into-file; exec >&2; cat f >&2"],
  ["true and false and :", "true; echo $?; false; echo $?; :; echo $?"],
  // jobs
  ["background and wait", "sleep 0 & wait; echo waited $?"],
  ["$! and wait PID", "(exit 6) & p=$!; wait $p; echo $?"],
  ["background output", "echo bg > f & wait; cat f"],
  // errors
  ["command not found", "nonexistent_command; echo $?"],
  ["not executable", "mkdir d; ./d; echo $?"],
  ["not found with a path", "./missing; echo $?"],
  ["syntax error: unexpected token", "echo a; fi"],
  ["syntax error: unterminated quote", "echo 'abc"],
  ["syntax error: missing fi", "if true; then echo x"],
  ["syntax error: end of file after |", "echo a |"],
  ["syntax error on a later line runs the first", "echo first\nif then"],
  ["exit with a bad number", "exit abc"],
  // scripts
  ["a script file with arguments", "printf 'echo \"$0\" $# \"$1\"\\nexit 4\\n' > s.sh; sh s.sh a 'b c'; echo $?"],
  ["a script read by sh", "printf 'echo from script $1\\n' > s; sh s arg"],
  ["comments", "echo a # comment\n# whole line\necho b#notcomment"],
  ["line continuation", "echo a\\\nb; ec\\\nho c"],
];

describe.skipIf(!existsSync(DASH))("sh against dash", () => {
  for (const [name, script, args] of CASES) {
    it(name, async () => {
      const a = args ?? [];
      expect(await wasmos(script, a)).toEqual(dash(script, a));
    });
  }
});
