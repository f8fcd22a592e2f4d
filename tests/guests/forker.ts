// Test guest for fork: a heap array is filled, then fork. The child changes one page and exits 7;
// the parent waits, checks its own copy is unchanged, and prints what it saw.
import { fork, waitpid, print, exit_group, getpid } from "../../guests/sdk";

const N = 4 * 4096;
const data = memory.data(N, 4096);
for (let i = 0; i < N; i++) store<u8>(data + i, <u8>(i & 0xff));
const counter = memory.data(4);
store<u32>(counter, 100);
const pid = fork();
if (pid == 0) {
  store<u8>(data, 0xaa);                      // one cow fault, one page copied
  store<u32>(counter, 200);
  print("child sees " + load<u8>(data).toString() + " " + load<u32>(counter).toString() + "\n");
  exit_group(7);
}
const st = memory.data(4);
const w = waitpid(<i32>pid, st, 0);
print("parent: waited " + (w == pid ? "ok" : "bad") + " status " + ((load<i32>(st) >> 8) & 0xff).toString() +
  ", sees " + load<u8>(data).toString() + " " + load<u32>(counter).toString() + "\n");
exit_group(0);
