// host/realtime.ts's deadline (--timeout): a wait for the outside that the deadline passes
// resolves undefined (cut short); one that ends first resolves with its own outcome, however many
// waits the run made before; and a machine run again gets a fresh deadline: the cut of a run
// that timed out does not cut the next run's waits at once.
import { expect, test } from "vitest";
import { RealTime, type RealNet, type RealInput } from "../host/realtime";
import type { KernelExports } from "../host/kernel";

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

function rig(timeoutMs: number) {
  let activity: () => Promise<void> = () => new Promise(() => {});     // nothing ever stirs
  const net: RealNet = { connected: () => false, pending: () => true, whenActivity: () => activity(),
    whenPeerActivity: () => activity(), uncork: () => {} };
  const input: RealInput = { hasInputSource: () => false, waitInput: () => new Promise(() => {}), interactive: () => false };
  const k = { ttyWaiting: () => 0 } as unknown as KernelExports;
  return { rt: new RealTime(k, net, input, timeoutMs), stir: (f: () => Promise<void>) => { activity = f; } };
}

test("a wait past the deadline is cut short; a wait that ends first keeps its outcome", async () => {
  const { rt, stir } = rig(150);
  rt.start();
  stir(() => Promise.resolve());
  for (let i = 0; i < 1000; i++) expect(await rt.outside()).toBeUndefined();   // resolved, not cut (void)
  let settled = false;
  stir(() => new Promise(() => {}));
  const cut = rt.outside()!.then((v) => { settled = true; return v; });
  await sleep(20);
  expect(settled).toBe(false);                   // the deadline is 150 ms away: still waiting
  expect(await cut).toBeUndefined();
  expect(rt.expired()).toBe(true);
  rt.stop();
});

test("a second run gets a fresh deadline: its waits are not cut at once", async () => {
  const { rt, stir } = rig(60);
  rt.start();
  await rt.outside();                            // cut by the first run's deadline
  rt.stop();
  rt.start();
  let stirred = false;
  stir(() => sleep(20).then(() => { stirred = true; }));
  await rt.outside();
  expect(stirred).toBe(true);                    // it waited for the activity, not for nothing
  expect(rt.expired()).toBe(false);
  rt.stop();
});
