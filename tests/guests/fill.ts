// Test guest: write 64 KiB chunks to FILE until a write fails; print "wrote N bytes: ERRNO", fsync, exit 0.
import { arg, open, write, fsync, close, print, errnoName, exit_group, O_WRONLY, O_CREAT, O_TRUNC } from "../../guests/sdk";

const buf = memory.data(65536);
for (let i = 0; i < 65536; i++) store<u8>(buf + i, <u8>(i * 13));
const fd = <i32>open(arg(1), O_WRONLY | O_CREAT | O_TRUNC);
if (fd < 0) exit_group(2);
let total: i64 = 0;
let err: i64 = 0;
for (;;) {
  const n = write(fd, buf, 65536);
  if (n < 0) { err = n; break; }
  total += n;
  if (n < 65536) { err = write(fd, buf, 65536); break; }
}
print("wrote " + total.toString() + " bytes: " + errnoName(<i32>-err) + "\n");
fsync(fd);
close(fd);
exit_group(0);
