// The loader keeps the most recent compiled guest modules alive: a program prepared again gets the
// same WebAssembly.Module (V8 then reuses its compiled and optimized code even after a garbage
// collection), another program its own; and a machine still runs what it prepared twice.
import { expect, test } from "vitest";
import { prepareGuest, type LoaderContext } from "../host/loader";
import { distDemo, boot } from "./helpers/machine";

const ctx = { cacheDir: undefined } as unknown as LoaderContext;   // prepareGuest reads only cacheDir

test("the same program prepared twice shares its module; another has its own", async () => {
  const hello = distDemo("hello"), getpid = distDemo("getpid");
  const a = await prepareGuest(ctx, hello, "hello"), b = await prepareGuest(ctx, hello.slice(), "hello");
  const c = await prepareGuest(ctx, getpid, "getpid");
  expect(b.module).toBe(a.module);
  expect(c.module).not.toBe(a.module);
  const m = (await boot({})).m;
  for (let i = 0; i < 2; i++) {
    const pid = await m.spawn(distDemo("hello"), ["hello"]);
    await m.run();
    expect(m.exitOf(pid)?.code).toBe(0);
  }
  m.close();
});
