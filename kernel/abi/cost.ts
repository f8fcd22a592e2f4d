// Cost-model parameters of the virtual clock, shared by the kernel (kernel/clock.ts keeps the values)
// and the host (host/costmodel.ts sets them from a cost-model file through setCost/getCost).
export enum Cost {
  modeSwitchNs = 0,     // one user<->kernel transition
  syscallNs = 1,        // dispatch work of one syscall, beyond the two switches
  copyBytesPerUs = 2,   // CPU copy bandwidth (bytes per microsecond)
  faultNs = 3,          // taking and handling a page fault (without copies or I/O)
  tlbMissNs = 4,        // software TLB refill (page walk)
  userIterNs = 5,       // user time per loop iteration counted by the preemption budget
  switchNs = 6,         // process switch (scheduler + address-space change)
  COUNT = 7,
}
