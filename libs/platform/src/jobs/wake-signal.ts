/**
 * The pause of a polling loop that new work can cut short. `notify()` wakes a loop that is
 * sleeping, and remembers the work for a loop that is busy, so its next `sleep` returns at once;
 * the loop calls `clear()` when it starts a round, which then sees all work notified so far.
 */
export class WakeSignal {
  private pending = false;
  private wake?: () => void;

  notify(): void {
    this.pending = true;
    this.wake?.();
  }

  clear(): void {
    this.pending = false;
  }

  /** Waits `ms`, less if notified meanwhile; at once when notified since the last `clear()`. */
  sleep(ms: number, { evenIfNotified = false }: { evenIfNotified?: boolean } = {}): Promise<void> {
    if (this.pending && !evenIfNotified) {
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done(): void {
        clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    });
  }
}
