import { test } from "vitest";
import { writeSync } from "node:fs";
import { dataBytes, mkfs } from "../host/fs";
import { formatText } from "../host/trace";
import { boot, distGuest } from "./helpers/machine";
test("dbg2", async () => {
  const data = dataBytes(Number(process.env.SIZE ?? 1 << 20));
  const methods = (process.env.METHODS ?? "read+write").split(",");
  const lines: string[] = [];
  const b = await boot({ ramBytes: 32 << 20, disk: mkfs(16 << 20, { files: [{ path: "/data/1m.bin", data }] }).bytes,
    net: {}, traceMask: Number(process.env.MASK ?? 1), onEvent: (ev) => { const l = formatText(ev, { multiPid: true }); if (l) lines.push(l); } });
  const pids = [];
  for (const method of methods) pids.push(await b.m.spawn(distGuest("send"), ["send", method, "/data/1m.bin"]));
  const dump = () => {
    const v = new DataView(b.m.ram.buffer);
    const names = "used state lport rport raddr iss sndUna sndNxt sndEnd sndWnd rcvNxt rcvBytes sndbuf rcvbuf qframe sHead sTail rHead rTail finQueued finSent peerFin err parent backlog nodelay zerocopy zcNext zcLo zcHi zcPending fileRefs acceptHead acceptTail sndShut bound sHeadSeq ackPending qSys qCause".split(" ");
    for (let a = 0; a < b.m.ram.buffer.byteLength - 64; a += 4) {
      if (v.getUint32(a + 12, true) === 9 && v.getUint32(a + 16, true) === 0x0a000202 && v.getUint32(a + 8, true) >= 49152 && v.getUint32(a + 8, true) < 49160) {
        writeSync(2, `AT KILL sock@${a}: ` + names.map((n, i) => `${n}=${v.getUint32(a + 4 * i, true)}`).join(" ") + "\n");
      }
    }
  };
  const mm = b.m as unknown as { killAll: (s: number) => void };
  const orig = mm.killAll.bind(b.m);
  mm.killAll = (sig: number) => { dump(); orig(sig); };
  await b.m.run();
  writeSync(2, lines.filter((l) => l.includes(process.env.GREP ?? "")).slice(-Number(process.env.N ?? 30)).join("\n") + "\n");
  writeSync(2, `${JSON.stringify(pids.map((p) => b.m.exitOf(p)))} ${b.stderr()}\n`);
  writeSync(2, JSON.stringify(b.m.slirp!.services!.discard.connections.map((t) => [t.guestPort, t.bytes, t.closed])) + JSON.stringify(b.m.slirp!.stats) + "\n");
  const v = new DataView(b.m.ram.buffer);
  const names = "used state lport rport raddr iss sndUna sndNxt sndEnd sndWnd rcvNxt rcvBytes sndbuf rcvbuf qframe sHead sTail rHead rTail finQueued finSent peerFin err parent backlog nodelay zerocopy zcNext zcLo zcHi zcPending fileRefs acceptHead acceptTail sndShut bound sHeadSeq ackPending qSys qCause".split(" ");
  for (let a = 0; a < b.m.ram.buffer.byteLength - 64; a += 4) {
    if (v.getUint32(a + 12, true) === 9 && v.getUint32(a + 16, true) === 0x0a000202 && v.getUint32(a + 8, true) >= 49152 && v.getUint32(a + 8, true) < 49160) {
      writeSync(2, `sock@${a}: ` + names.map((n, i) => `${n}=${v.getUint32(a + 4 * i, true)}`).join(" ") + "\n");
    }
  }
  writeSync(2, "HOSTCONNS " + JSON.stringify(b.m.slirp!.tcp.conns().map((c) => [c.guestPort, c.state, c.finSent, c.finAcked])) + "\n");
  b.m.close();
}, 20000);
