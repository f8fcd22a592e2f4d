import { test } from "vitest";
import { writeSync } from "node:fs";
import { dataBytes, mkfs } from "../host/fs";
import { boot, distGuest } from "./helpers/machine";
test("dbg", async () => {
  const data = dataBytes(1 << 20);
  const methods = (process.env.METHODS ?? "read+write").split(",");
  const b = await boot({ ramBytes: 32 << 20, disk: mkfs(16 << 20, { files: [{ path: "/data/1m.bin", data }] }).bytes,
    net: process.env.FWD ? { hostfwd: ["tcp:127.0.0.1:0-:80"] } : {} });
  const pids = [];
  for (const method of methods) pids.push(await b.m.spawn(distGuest("send"), ["send", method, "/data/1m.bin"]));
  writeSync(2, "spawned\n");
  const t = Date.now();
  await b.m.run();
  writeSync(2, `ran ${Date.now() - t} ms ${JSON.stringify(pids.map((p) => b.m.exitOf(p)))} ${b.stderr()}\n`);
  b.m.close();
}, 20000);
