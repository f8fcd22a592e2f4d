// Test guest for the lengths a program passes with getsockopt and getsockname. Usage: optlen
// Each call gets a 16-byte buffer filled with 0xAA and a length; prints "NAME r=R len=L bytes=HEX"
// (R: the result, L: the length after the call, HEX: the buffer's first 8 bytes).
import { socket, getsockopt, getsockname, print, exit_group, AF_INET, SOCK_STREAM, SOL_SOCKET, SO_SNDBUF } from "../../guests/sdk";

const buf = memory.data(16);
const len = memory.data(4);

function hex(): string {
  let s = "";
  for (let i = 0; i < 8; i++) { const b = load<u8>(buf + i); s += (b < 16 ? "0" : "") + b.toString(16); }
  return s;
}

function show(name: string, r: i64): void { print(name + " r=" + r.toString() + " len=" + (<i32>load<u32>(len)).toString() + " bytes=" + hex() + "\n"); }

const s = <i32>socket(AF_INET, SOCK_STREAM, 0);
const lens: i32[] = [1, 2, 4, 8, -1];
for (let k = 0; k < lens.length; k++) {
  memory.fill(buf, 0xaa, 16); store<i32>(len, lens[k]);
  show("getsockopt" + lens[k].toString(), getsockopt(s, SOL_SOCKET, SO_SNDBUF, buf, len));
}
memory.fill(buf, 0xaa, 16); store<i32>(len, -1);
show("getsockname-1", getsockname(s, buf, len));
exit_group(0);
