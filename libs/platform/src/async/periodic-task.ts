/**
 * Work a worker repeats on a plain timer: once at start, then every `intervalMs`. One run at a
 * time (a call while one runs gets that run); a failure goes to `onError` and the run answers
 * `fallback`, as it does once stopped. `stop` waits for the run under way.
 */
export class PeriodicTask<T> {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<T> | null = null;
  private stopped = false;

  constructor(
    private readonly work: () => Promise<T>,
    private readonly options: { fallback: T; onError: (error: Error) => void },
  ) {}

  start(intervalMs: number): void {
    void this.runOnce();
    this.timer = setInterval(() => void this.runOnce(), intervalMs);
    this.timer.unref();
  }

  /** One run (or the one already under way). */
  runOnce(): Promise<T> {
    if (this.stopped) return Promise.resolve(this.options.fallback);
    this.running ??= this.work()
      .catch((error: Error) => {
        this.options.onError(error);
        return this.options.fallback;
      })
      .finally(() => {
        this.running = null;
      });
    return this.running;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }
}
