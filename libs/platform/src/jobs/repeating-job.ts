/**
 * Runs `work` every `intervalMs`, never two runs at once: a run still going when the next is due
 * skips that turn. `stop()` ends the schedule and waits for a run in progress.
 */
export class RepeatingJob {
  private timer?: NodeJS.Timeout;
  private running?: Promise<unknown>;

  constructor(
    private readonly intervalMs: number,
    private readonly work: () => Promise<unknown>,
  ) {}

  start(): void {
    this.timer = setInterval(() => {
      if (!this.running) {
        this.running = this.work().finally(() => (this.running = undefined));
      }
    }, this.intervalMs);
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }
}
