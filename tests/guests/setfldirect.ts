// Test guest for fcntl(F_SETFL, O_DIRECT): opens FILE without O_DIRECT, reads into a misaligned
// buffer (the page cache takes it), then sets O_DIRECT with F_SETFL and prints what F_GETFL shows
// and what the same misaligned read and an aligned one return. One fact a line.
// Usage: setfldirect FILE
import { arg, open, read, fcntl, print, errnoName, O_RDONLY, O_DIRECT, F_GETFL, F_SETFL } from "../../guests/sdk";

const buf = memory.data(8192, 4096);

function show(what: string, r: i64): void {
  print(what + ": " + (r < 0 ? errnoName(<i32>-r) : r.toString()) + "\n");
}

const fd = <i32>open(arg(1), O_RDONLY);
show("cached misaligned read", read(fd, buf + 1, 4096));
print("O_DIRECT before: " + ((fcntl(fd, F_GETFL, 0) & O_DIRECT) != 0 ? "set" : "clear") + "\n");
show("setfl", fcntl(fd, F_SETFL, O_DIRECT));
print("O_DIRECT after: " + ((fcntl(fd, F_GETFL, 0) & O_DIRECT) != 0 ? "set" : "clear") + "\n");
show("direct misaligned read", read(fd, buf + 1, 4096));
show("direct aligned read", read(fd, buf, 4096));
show("setfl off", fcntl(fd, F_SETFL, 0));
show("cached misaligned read again", read(fd, buf + 1, 4096));
