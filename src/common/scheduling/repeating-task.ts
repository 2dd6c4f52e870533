/**
 * Runs `task` now and then `everyMs` after each run ends: a run never starts while the previous
 * one is still going, however slow it is under load. Errors are the task's to handle.
 */
export class RepeatingTask {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;
  private stopped = false;

  constructor(
    private readonly task: () => Promise<unknown>,
    private readonly everyMs: number,
  ) {}

  start(): void {
    this.stopped = false;
    this.runThenWait();
  }

  /** Stops the repetition and waits for a run in progress. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running?.catch(() => undefined);
  }

  private runThenWait(): void {
    this.running = this.task()
      .catch(() => undefined)
      .finally(() => {
        this.running = undefined;
        if (this.stopped) return;
        this.timer = setTimeout(() => this.runThenWait(), this.everyMs);
        this.timer.unref();
      });
  }
}
