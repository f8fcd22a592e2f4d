// Load averages (Linux's kernel/sched/loadavg.c) on the virtual clock: every LOAD_FREQ the 1, 5
// and 15 minute averages move toward the number of active processes (runnable or running) by
// Linux's fixed-point calc_load. The scheduler calls loadTick at each pick; periods that passed
// since the last call (an idle jump) are applied with the count seen now, as calc_load_n does for
// a tickless CPU.
// Interface: loadTick(now), loadAvg(i) (i = 0, 1, 2: fixed point, FIXED_1 = 1.0), FIXED_1,
// activeCount(), procCounts(running) -> runnable or all live processes.
import { procSlots, procAt, RUNNABLE, RUNNING, UNUSED, ZOMBIE } from "./proc";

export const FSHIFT: u32 = 11;                  // bits of precision
export const FIXED_1: u64 = 1 << FSHIFT;        // 1.0 in fixed point
const LOAD_FREQ: u64 = 5000000000 + 10000000;   // 5 s and one tick (Linux: 5 * HZ + 1), in ns
const EXP_1: u64 = 1884;                        // 1 / exp(5 s / 1 min) in fixed point
const EXP_5: u64 = 2014;                        // 1 / exp(5 s / 5 min)
const EXP_15: u64 = 2037;                       // 1 / exp(5 s / 15 min)
const MAX_CATCHUP: u32 = 4000;                  // periods applied at most at once (~5.6 h: all decayed)

let avenrun0: u64 = 0, avenrun1: u64 = 0, avenrun2: u64 = 0;
let nextUpdate: u64 = LOAD_FREQ;

// Linux's calc_load: load = load * exp + active * (1 - exp), rounded up while growing.
function calcLoad(load: u64, exp: u64, active: u64): u64 {
  let n = load * exp + active * (FIXED_1 - exp);
  if (active >= load) n += FIXED_1 - 1;
  return n / FIXED_1;
}

// Processes that count toward the load (Linux: nr_running + nr_uninterruptible; here no sleep is
// uninterruptible) when `running`, else every process that has not exited.
export function procCounts(running: bool): u32 {
  let n: u32 = 0;
  for (let i = 0; i < procSlots(); i++) {
    const t = procAt(i);
    if (!t) continue;
    const s = t.state;
    if (s == UNUSED || s == ZOMBIE) continue;
    if (!running || s == RUNNABLE || s == RUNNING) n++;
  }
  return n;
}
export function activeCount(): u32 { return procCounts(true); }

export function loadTick(now: u64): void {
  if (now < nextUpdate) return;
  const active = <u64>activeCount() * FIXED_1;
  let n: u64 = (now - nextUpdate) / LOAD_FREQ + 1;
  nextUpdate += n * LOAD_FREQ;
  if (n > MAX_CATCHUP) n = MAX_CATCHUP;
  for (let i: u64 = 0; i < n; i++) {
    avenrun0 = calcLoad(avenrun0, EXP_1, active);
    avenrun1 = calcLoad(avenrun1, EXP_5, active);
    avenrun2 = calcLoad(avenrun2, EXP_15, active);
  }
}

export function loadAvg(i: i32): u64 { return i == 0 ? avenrun0 : i == 1 ? avenrun1 : avenrun2; }
