// Cost model: the numbers the virtual clock charges, read from a JSON file (`--cost-model FILE`).
// Seven are the kernel's (kernel/abi/cost.ts, set after boot with setCost), four the devices'
// (disk and NIC latency and bandwidth). A file names only what it changes; the rest keep their
// defaults (docs/cost-model.md says where each default comes from).
// Interface: COST_KEYS, COST_DEFAULTS, parseCostModel(text, name) -> CostModel, loadCostModel(path),
// applyKernelCosts(k, model), diskTiming(model), nicTiming(model); CostModelError (a bad file).
import { readFileSync } from "node:fs";
import { Cost } from "../kernel/abi/cost";
import type { KernelExports } from "./kernel";
import type { BlkTiming } from "./devices/disk";
import type { NetTiming } from "./devices/nic";

export type KernelCostKey = Exclude<keyof typeof Cost, "COUNT">;
export type DeviceCostKey = "diskLatencyNs" | "diskBytesPerUs" | "nicLatencyNs" | "nicBytesPerUs";
export type CostKey = KernelCostKey | DeviceCostKey;
export type CostModel = Partial<Record<CostKey, number>>;

export const KERNEL_COST_KEYS: KernelCostKey[] = ["modeSwitchNs", "syscallNs", "copyBytesPerUs", "faultNs", "tlbMissNs",
  "userIterNs", "switchNs"];
export const COST_KEYS: CostKey[] = [...KERNEL_COST_KEYS, "diskLatencyNs", "diskBytesPerUs", "nicLatencyNs", "nicBytesPerUs"];

// The values a machine uses when no file says otherwise: the kernel's costInit (kernel/clock.ts) and
// the devices' constructors (host/devices/disk.ts, nic.ts). tests/compare.costmodel-defaults pins them.
export const COST_DEFAULTS: Record<CostKey, number> = {
  modeSwitchNs: 100, syscallNs: 50, copyBytesPerUs: 10000, faultNs: 500, tlbMissNs: 20, userIterNs: 1, switchNs: 1000,
  diskLatencyNs: 100_000, diskBytesPerUs: 2000, nicLatencyNs: 10_000, nicBytesPerUs: 1250,
};

export class CostModelError extends Error {}

/** Check a cost-model file's text: a JSON object of known keys, each a positive whole number. */
export function parseCostModel(text: string, name = "cost model"): CostModel {
  let v: unknown;
  try { v = JSON.parse(text); }
  catch (e) { throw new CostModelError(`${name}: not JSON (${(e as Error).message})`); }
  if (typeof v !== "object" || v === null || Array.isArray(v)) throw new CostModelError(`${name}: expected a JSON object of costs`);
  const out: CostModel = {};
  for (const [key, val] of Object.entries(v)) {
    if (!(COST_KEYS as string[]).includes(key)) {
      throw new CostModelError(`${name}: unknown key '${key}' (known: ${COST_KEYS.join(", ")})`);
    }
    if (typeof val !== "number" || !Number.isSafeInteger(val) || val <= 0) {
      throw new CostModelError(`${name}: ${key} must be a positive whole number (got ${JSON.stringify(val)})`);
    }
    out[key as CostKey] = val;
  }
  return out;
}

export function loadCostModel(path: string): CostModel {
  let text: string;
  try { text = readFileSync(path, "utf8"); }
  catch (e) { throw new CostModelError(`${path}: cannot read the cost model (${(e as NodeJS.ErrnoException).code})`); }
  return parseCostModel(text, path);
}

/** Set the kernel's costs named in the model (call after boot: boot resets them to the defaults). */
export function applyKernelCosts(k: KernelExports, model: CostModel): void {
  for (const key of KERNEL_COST_KEYS) {
    const v = model[key];
    if (v !== undefined) k.setCost(Cost[key], BigInt(v));
  }
}

/** The disk's timing under the model, or undefined when the model leaves it alone. */
export function diskTiming(model: CostModel): BlkTiming | undefined {
  if (model.diskLatencyNs === undefined && model.diskBytesPerUs === undefined) return undefined;
  return { latencyNs: model.diskLatencyNs ?? COST_DEFAULTS.diskLatencyNs, bytesPerUs: model.diskBytesPerUs ?? COST_DEFAULTS.diskBytesPerUs };
}

export function nicTiming(model: CostModel): NetTiming | undefined {
  if (model.nicLatencyNs === undefined && model.nicBytesPerUs === undefined) return undefined;
  return { latencyNs: model.nicLatencyNs ?? COST_DEFAULTS.nicLatencyNs, bytesPerUs: model.nicBytesPerUs ?? COST_DEFAULTS.nicBytesPerUs };
}
