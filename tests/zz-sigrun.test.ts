import { test } from "vitest";
import { run, testGuest } from "/work/wt/sig/tests/helpers/machine";
test("x", async () => {
  const g = await testGuest("sigtest.ts");
  for (const m of (process.env.MODES ?? "handler").split(",")) {
    const r = await run(g, ["sigtest", ...m.split(" ")], { net: m === "sock" ? {} : null });
    console.log(m, JSON.stringify(r.exit), "\n" + r.stdout + r.stderr);
  }
}, 120000);
