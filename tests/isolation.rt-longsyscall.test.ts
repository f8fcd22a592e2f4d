// One syscall cannot hold the machine: a sendfile of 1 GiB from a sparse file to the console used
// to move all of it in one call (2 GiB to a file ran for minutes), and nothing else could run
// meanwhile. A long transfer to a file or the console now stops after RW_CHUNK bytes (16 MiB) and
// returns that short count, as sendfile may; the caller calls again, and is preemptible between.
import { expect, test } from "vitest";
import { Machine } from "../host/machine";
import { mkfs } from "../host/fs";
import { testGuest } from "./helpers/machine";

const RW_CHUNK = 16 << 20;

test("a sendfile of 1 GiB from a hole to the console returns after one chunk", async () => {
  let out = 0, err = "";
  const m = await Machine.create({ ramBytes: 64 << 20, disk: mkfs(8 << 20, { files: [] }).bytes, net: null, stdin: null,
    stdout: (b) => { out += b.length; }, stderr: (b) => { err += Buffer.from(b).toString(); } });
  const pid = await m.spawn(await testGuest("bigsendfile.ts"), ["bigsendfile", "1024"]);
  await m.run();
  expect(err).toBe(`${RW_CHUNK}\n`);
  expect(out).toBe(RW_CHUNK);
  expect(m.exitOf(pid)?.code).toBe(0);
});

test("a sendfile shorter than a chunk moves everything", async () => {
  let out = 0, err = "";
  const m = await Machine.create({ ramBytes: 64 << 20, disk: mkfs(8 << 20, { files: [] }).bytes, net: null, stdin: null,
    stdout: (b) => { out += b.length; }, stderr: (b) => { err += Buffer.from(b).toString(); } });
  await m.spawn(await testGuest("bigsendfile.ts"), ["bigsendfile", "3"]);
  await m.run();
  expect(err).toBe(`${3 << 20}\n`);
  expect(out).toBe(3 << 20);
});
