// The machine's device table. The kernel's virtio imports reach the device of their number; the
// run loop asks the table, never a device by name, when the next interrupt is due and to deliver
// those that are. Delivering an interrupt, as a driver sees it: the device posts its used ring
// entries (takeIrq), its finished requests go to the onDone hook (the traces' view of each
// request), then kernel.irq(dev) runs the driver's handler. Devices are served in table order.
// Interface: new DeviceTable(kernel, devices, onDone?, clock?); setup(dev, queue, addr),
// notify(dev, queue), config(dev, field), wait(dev) (the kernel's imports); nextIrqAt() -> ns |
// null (nextIrqNs(): the same in ns, -1 for none); deliverDue(); nextIrqAtAfter() (deliverDue's answer,
// unless a device was kicked since); drain(); flush(); close().
import type { KernelExports } from "../kernel";
import type { Device, DeviceName, DeviceRequest } from "./device";

export type DeviceDone = (dev: DeviceName, req: DeviceRequest) => void;

const DRAIN_STEPS = 100000;      // drain(): at most this many interrupts

export class DeviceTable {
  private readonly devices: Device[];

  private readonly clock: () => number;

  /** clock: the kernel's virtual clock in ns as a number (the machine reads it from RAM; default:
   *  asked of the kernel). */
  constructor(private k: () => KernelExports, devices: (Device | null)[], private onDone?: DeviceDone, clock?: () => number) {
    this.devices = devices.filter((d): d is Device => d !== null);
    this.clock = clock ?? (() => Number(this.k().clockNowNs()));
  }

  // Kernel import virtioSetup: the driver placed a queue.
  setup(dev: number, queue: number, addr: number): void { this.device(dev)?.setup(queue, addr); }

  // Kernel import virtioNotify: the driver made buffers available; the device does its DMA now.
  notify(dev: number, queue: number): void {
    const d = this.device(dev);
    if (!d) return;
    this.kicks++;
    if (d.notifyNs) d.notifyNs(queue, this.clock()); else d.notify(queue, this.k().clockNowNs());
  }

  // Kernel import virtioConfig: a configuration field (0 for a device the machine does not have).
  config(dev: number, field: number): bigint { return BigInt(this.device(dev)?.config(field) ?? 0); }

  // Kernel import virtioWait: idle until the device's next interrupt, then deliver it (a disk
  // request waited for synchronously, kernel/disk.ts); -1 when nothing is pending.
  wait(dev: number): number {
    const d = this.device(dev);
    const t = d?.nextIrqAt() ?? null;
    if (!d || t === null) return -1;
    this.kicks++;
    this.k().idleUntil(t);
    d.takeIrq();
    this.interrupt(d);
    return 0;
  }

  // The earliest interrupt any device has pending (virtual ns), or null.
  nextIrqAt(): bigint | null {
    return this.big(this.nextIrqNs());
  }

  // ns as the BigInt the kernel takes, null for -1 (a BigInt made only when the time moved).
  private big(t: number): bigint | null {
    if (t < 0) return null;
    if (t !== this.nextNs) { this.nextNs = t; this.nextBig = BigInt(t); }
    return this.nextBig;
  }
  private nextNs = -1;
  private nextBig = 0n;

  // nextIrqAt in ns as a number, -1 for none.
  nextIrqNs(): number {
    const now = this.clock();
    let next = -1;
    for (let i = 0; i < this.devices.length; i++) {
      const d = this.devices[i];
      poll(d, now);
      const t = irqNs(d);
      if (t >= 0 && (next < 0 || t < next)) next = t;
    }
    return next;
  }

  // Deliver every device interrupt that is due at the current virtual time. What each device
  // has pending after it is remembered for nextIrqAtAfter().
  deliverDue(): void {
    const now = this.clock();
    let next = -1, kicksThen = -1;
    for (let i = 0; i < this.devices.length; i++) {
      const d = this.devices[i];
      poll(d, now);
      let t = irqNs(d);
      for (; t >= 0 && t <= now; t = irqNs(d)) {
        if (!d.takeIrq()) break;
        this.interrupt(d);
      }
      if (kicksThen < 0) kicksThen = this.kicks;
      if (t >= 0 && (next < 0 || t < next)) next = t;
    }
    this.after = next; this.afterKicks = kicksThen;
  }

  // nextIrqAt() as deliverDue() left it, while no device has been kicked since (a kernel timer
  // that sends, a disk request): the run loop asks it twice a turn, for the scheduler's limit and
  // to idle, and else it would poll and scan every device again each time.
  nextIrqAtAfter(): bigint | null {
    return this.kicks !== this.afterKicks ? this.nextIrqAt() : this.big(this.after);
  }
  private kicks = 0;              // notify() and wait() calls: a device's state moved
  private after = -1;             // deliverDue()'s next interrupt, valid while kicks == afterKicks
  private afterKicks = -1;

  // Everyone exited: let the devices finish what is in flight (transmit completions, the last
  // ACKs), so every DMA is counted and every frame is released.
  drain(): void {
    for (let i = 0; i < DRAIN_STEPS; i++) {
      const t = this.nextIrqAt();
      if (t === null) return;
      this.k().idleUntil(t);
      this.deliverDue();
    }
  }

  flush(): void { for (const d of this.devices) d.flush?.(); }

  close(): void { for (const d of this.devices) d.close?.(); }

  private device(dev: number): Device | undefined {
    for (let i = 0; i < this.devices.length; i++) if (this.devices[i].id === dev) return this.devices[i];
    return undefined;
  }

  // The interrupt was taken: its requests to the onDone hook, then forgotten (the kernel learns of
  // them from the used ring), and the driver's handler runs.
  private interrupt(d: Device): void {
    if (this.onDone) for (let i = 0; i < d.completed.length; i++) this.onDone(d.name, d.completed[i]);
    if (d.completed.length > 0) d.completed.length = 0;
    this.k().irq(d.id);
  }
}

function poll(d: Device, now: number): void {
  if (d.pollNs) d.pollNs(now); else d.poll?.(BigInt(now));
}

function irqNs(d: Device): number {
  if (d.nextIrqNs) return d.nextIrqNs();
  const t = d.nextIrqAt();
  return t === null ? -1 : Number(t);
}
