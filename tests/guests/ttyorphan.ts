// Test guest: ttyorphan: leave the terminal's foreground group empty (a child's group, the child
// gone), say "ready" on stderr, then wait forever on a pipe no one writes: a Ctrl-C then reaches
// no process, and stays unanswered.
import { fork, setpgid, tcsetpgrp, pipe2, read, write, waitpid, eprint, exit_group } from "../../guests/sdk";

const a = memory.data(8), b = memory.data(8), byte = memory.data(4);
pipe2(a, 0);
const c = <i32>fork();
if (c == 0) { setpgid(0, 0); read(load<i32>(a), byte, 1); exit_group(0); }
setpgid(c, c);
const r = tcsetpgrp(0, c);
write(load<i32>(a + 4), byte, 1);
waitpid(c, byte, 0);
eprint(r == 0 ? "ready\n" : "tcsetpgrp failed\n");
pipe2(b, 0);
read(load<i32>(b), byte, 1);
exit_group(0);
