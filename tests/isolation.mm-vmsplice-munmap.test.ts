// vmsplice then munmap: the pipe holds its own reference to the page, so the frame is not freed
// and handed to the next mapping: reading the pipe gives the spliced bytes, not the new page's;
// every frame is back at the end.
import { it, expect } from "vitest";
import { meminfo } from "../host/inspect";
import { boot, testGuest } from "./helpers/machine";

it("a page spliced into a pipe and unmapped keeps its bytes", async () => {
  const b = await boot();
  const free0 = meminfo(b.m).free;
  const pid = await b.m.spawn(await testGuest("mmiso.ts"), ["mmiso", "vmsplice-munmap"]);
  await b.m.run();
  expect(b.stdout()).toBe("vmsplice ok\nmunmap ok\nread 4096, 4096 bytes as spliced\nmunmap new ok\n");
  expect(b.m.exitOf(pid)?.code).toBe(0);
  expect(meminfo(b.m).free).toBe(free0);
});
