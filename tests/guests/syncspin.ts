// Test guest: write 10000 pattern bytes to FILE, fsync, print "synced", then spin forever
// (the test kills the host process right after the message).
import { arg, open, write, fsync, print, exit_group, O_WRONLY, O_CREAT, O_TRUNC } from "../../guests/sdk";

const buf = memory.data(10000);
for (let i = 0; i < 10000; i++) store<u8>(buf + i, <u8>(i * 3 + 1));
const fd = <i32>open(arg(1), O_WRONLY | O_CREAT | O_TRUNC);
if (fd < 0 || write(fd, buf, 10000) != 10000 || fsync(fd) != 0) exit_group(1);
print("synced\n");
let x: i32 = 0;
while (true) x++;
