// A device of the machine, as the kernel's driver and the run loop see it. The machine keeps its
// devices in a table (table.ts) and drives each through this interface alone:
//   the kernel's driver   virtioConfig -> config, virtioSetup -> setup, virtioNotify -> notify
//   the run loop          poll (what came from outside), nextIrqAt (when the next interrupt is
//                         due, on the virtual clock), takeIrq (post its used ring entries), then
//                         its finished requests (completed) go to the traces and kernel.irq(id)
//   the host              flush (run() ends: write out what is held), close (real sockets, files)
// A device does its DMA when notified and only computes when its interrupt is due; nothing a
// driver writes makes it throw. Nothing saves or restores a machine (snapshot.ts is a text view of
// the kernel's tables), so a device has no save/restore.
// The console (host/console.ts) is not in the table: it has no queue and no interrupt on the
// virtual clock (output is a synchronous kernel import, input is pumped at each turn of the loop).
// Interface: Device, DeviceName, DeviceRequest.
import type { Dev } from "../../kernel/abi/virtio";
import type { BlkRequest } from "./disk";
import type { NetRequest } from "./nic";

export type DeviceName = "disk" | "nic";
export type DeviceRequest = BlkRequest | NetRequest;

export interface Device {
  readonly name: DeviceName;            // in traces and the machine's onDeviceDone hook
  readonly id: Dev;                     // the kernel's device number: its imports' `dev`, irq(dev)
  config(field: number): number;        // a configuration field (0 where there is none)
  setup(queue: number, addr: number): boolean;    // the driver placed a queue at physical addr
  notify(queue: number, nowNs: bigint): void;     // the driver made buffers available in a queue
  poll?(nowNs: bigint): void;           // take in what the outside (real sockets) sent by nowNs
  nextIrqAt(): bigint | null;           // when the earliest pending interrupt is due, or null
  // The same three in numbers of ns (exact to 2^53 ns), for a device on the hot path (the NIC: a
  // packet and its ACK each), so that the table makes no BigInt: -1 for no interrupt pending.
  notifyNs?(queue: number, nowNs: number): void;
  pollNs?(nowNs: number): void;
  nextIrqNs?(): number;
  takeIrq(): boolean;                   // take that interrupt: post its used ring entries
  readonly completed: DeviceRequest[];  // the requests of the interrupts taken, oldest first
  flush?(): void;                       // write out what is held (pcap records)
  close?(): void;                       // release what lives outside (real sockets, files)
}
