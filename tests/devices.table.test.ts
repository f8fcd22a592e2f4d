// The machine's device table (host/devices/table.ts) with two fake devices and a fake kernel: each
// kernel import reaches the device of its number and no other; a device the machine lacks reads
// as config 0 and wait -1; due interrupts are delivered in table order, each request to the hook
// before kernel.irq(dev); drain idles the clock to each pending interrupt in turn.
import { expect, test } from "vitest";
import { DeviceTable } from "../host/devices/table";
import type { Device, DeviceName, DeviceRequest } from "../host/devices/device";
import type { KernelExports } from "../host/kernel";
import { Dev } from "../kernel/abi/virtio";

class FakeDevice implements Device {
  readonly completed: DeviceRequest[] = [];
  readonly log: string[] = [];
  irqs: bigint[] = [];              // pending interrupts, earliest first
  constructor(readonly name: DeviceName, readonly id: Dev, private configValue: number) {}
  config(field: number): number { this.log.push(`config ${field}`); return this.configValue; }
  setup(queue: number, addr: number): boolean { this.log.push(`setup ${queue} ${addr}`); return true; }
  notify(queue: number, nowNs: bigint): void { this.log.push(`notify ${queue} at ${nowNs}`); }
  poll(nowNs: bigint): void { this.log.push(`poll ${nowNs}`); }
  nextIrqAt(): bigint | null { return this.irqs[0] ?? null; }
  takeIrq(): boolean {
    const t = this.irqs.shift();
    if (t === undefined) return false;
    this.completed.push({ head: Number(t) } as DeviceRequest);
    return true;
  }
}

function rig(devices: (Device | null)[]) {
  const events: string[] = [];
  const clock = { now: 100n };
  const k = {
    clockNowNs: () => clock.now,
    idleUntil: (t: bigint) => { events.push(`idle ${t}`); clock.now = t; },
    irq: (dev: number) => { events.push(`irq ${dev}`); },
  } as unknown as KernelExports;
  const table = new DeviceTable(() => k, devices, (dev, req) => events.push(`done ${dev} ${(req as { head: number }).head}`));
  return { table, events, clock };
}

test("each kernel import reaches the device of its number, with the kernel's clock", () => {
  const nic = new FakeDevice("nic", Dev.net, 7), disk = new FakeDevice("disk", Dev.blk, 2048);
  const { table } = rig([nic, null, disk]);
  table.setup(Dev.blk, 0, 4096);
  table.notify(Dev.net, 1);
  expect(table.config(Dev.blk, 0)).toBe(2048n);
  expect(table.config(Dev.net, 3)).toBe(7n);
  expect(disk.log).toEqual(["setup 0 4096", "config 0"]);
  expect(nic.log).toEqual(["notify 1 at 100", "config 3"]);
});

test("a device the machine lacks: config 0, wait -1, setup and notify go nowhere", () => {
  const disk = new FakeDevice("disk", Dev.blk, 2048);
  const { table, events } = rig([null, disk]);
  expect(table.config(Dev.net, 0)).toBe(0n);
  expect(table.config(Dev.console, 0)).toBe(0n);
  expect(table.wait(Dev.net)).toBe(-1);
  table.setup(Dev.net, 0, 0);
  table.notify(Dev.net, 0);
  expect(disk.log).toEqual([]);
  expect(table.wait(Dev.blk)).toBe(-1);          // the disk has nothing pending
  expect(events).toEqual([]);
});

test("deliverDue: interrupts due by now, in table order, each request before its irq", () => {
  const nic = new FakeDevice("nic", Dev.net, 0), disk = new FakeDevice("disk", Dev.blk, 0);
  const { table, events } = rig([nic, disk]);
  disk.irqs = [50n, 100n, 150n];
  nic.irqs = [90n, 300n];
  expect(table.nextIrqAt()).toBe(50n);
  table.deliverDue();
  expect(events).toEqual(["done nic 90", `irq ${Dev.net}`, "done disk 50", `irq ${Dev.blk}`, "done disk 100", `irq ${Dev.blk}`]);
  expect(nic.completed).toEqual([]);
  expect(disk.completed).toEqual([]);
  expect(nic.log).toEqual(["poll 100", "poll 100"]);    // nextIrqAt and deliverDue each poll once
  expect(table.nextIrqAt()).toBe(150n);
});

test("nextIrqAtAfter: what deliverDue left pending, until a device is kicked", () => {
  const nic = new FakeDevice("nic", Dev.net, 0), disk = new FakeDevice("disk", Dev.blk, 0);
  const { table } = rig([nic, disk]);
  disk.irqs = [50n, 170n];
  nic.irqs = [90n, 130n];
  table.deliverDue();                              // (at 100: disk 50 and nic 90 taken)
  expect(table.nextIrqAtAfter()).toBe(130n);
  nic.notify = (queue: number) => { nic.irqs.unshift(120n); nic.log.push(`notify ${queue}`); };   // a kick that queues work
  table.notify(Dev.net, 1);
  expect(table.nextIrqAtAfter()).toBe(120n);       // asked again: the kick moved it
  expect(nic.log.filter((l) => l.startsWith("poll"))).toEqual(["poll 100", "poll 100"]);   // deliverDue's, then the one after the kick
});

test("wait idles the clock to the device's next interrupt and delivers it; drain delivers the rest", () => {
  const nic = new FakeDevice("nic", Dev.net, 0), disk = new FakeDevice("disk", Dev.blk, 0);
  const { table, events, clock } = rig([nic, disk]);
  disk.irqs = [400n, 700n];
  nic.irqs = [500n];
  expect(table.wait(Dev.blk)).toBe(0);
  expect(events).toEqual(["idle 400", "done disk 400", `irq ${Dev.blk}`]);
  events.length = 0;
  table.drain();
  expect(events).toEqual(["idle 500", "done nic 500", `irq ${Dev.net}`, "idle 700", "done disk 700", `irq ${Dev.blk}`]);
  expect(clock.now).toBe(700n);
  expect(table.nextIrqAt()).toBe(null);
});
