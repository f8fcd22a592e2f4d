// A wake-up for the machine's run loop: real sockets call notify() when they did something; the
// loop awaits wait() when every guest process sleeps. Interface: new Activity(); notify(); wait().

export class Activity {
  private waiters: (() => void)[] = [];

  /** Something happened: wake every waiter. */
  notify(): void {
    if (this.waiters.length === 0) return;         // (per frame: nothing allocated when nobody waits)
    const w = this.waiters;
    this.waiters = [];
    for (const resolve of w) resolve();
  }

  /** Resolves at the next notify(). */
  wait(): Promise<void> { return new Promise((resolve) => this.waiters.push(resolve)); }
}
