/**
 * Runs work for several partitions at once while keeping each partition's order: items of one
 * lane (a topic-partition) run one after another in arrival order; up to `concurrency` lanes run
 * at the same time, taking turns item by item when more lanes than that have work.
 *
 * A failing item stops its lane: its later items are dropped and `onFailure` is told, since
 * running them would commit offsets past the one that failed.
 */
export class PartitionLanes<T> {
  private readonly queues = new Map<string, T[]>();
  private readonly waiting: string[] = [];
  private readonly running = new Set<string>();
  private idleWaiters: (() => void)[] = [];
  private queued = 0;
  private stopped = false;

  constructor(
    private readonly concurrency: number,
    private readonly work: (item: T) => Promise<void>,
    private readonly onFailure: (lane: string, error: unknown) => void,
  ) {}

  /** Items queued or running. */
  get size(): number {
    return this.queued + this.running.size;
  }

  /** Items of `lane` not started yet. */
  queuedIn(lane: string): number {
    return this.queues.get(lane)?.length ?? 0;
  }

  /**
   * Removes and returns up to `max` items queued in `lane`, in order: for work that handles a
   * lane's backlog in one go (called from that lane's running work, so nothing else takes them).
   */
  take(lane: string, max: number): T[] {
    const queue = this.queues.get(lane);
    if (!queue || max <= 0) return [];
    const taken = queue.splice(0, max);
    this.queued -= taken.length;
    return taken;
  }

  push(lane: string, item: T): void {
    if (this.stopped) return;
    const queue = this.queues.get(lane);
    if (queue) queue.push(item);
    else this.queues.set(lane, [item]);
    this.queued += 1;
    if (!this.running.has(lane) && !this.waiting.includes(lane)) this.waiting.push(lane);
    this.schedule();
  }

  /** Starts nothing more and drops what is queued; resolves once the items running have finished. */
  stop(): Promise<void> {
    this.stopped = true;
    this.waiting.length = 0;
    this.queues.clear();
    this.queued = 0;
    return this.idle();
  }

  /** Resolves when nothing runs. */
  idle(): Promise<void> {
    if (this.running.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private schedule(): void {
    while (!this.stopped && this.running.size < this.concurrency && this.waiting.length > 0) {
      const lane = this.waiting.shift()!;
      this.running.add(lane);
      void this.runNext(lane);
    }
  }

  private async runNext(lane: string): Promise<void> {
    const queue = this.queues.get(lane);
    const item = queue?.shift();
    if (item !== undefined) this.queued -= 1;
    try {
      if (item !== undefined) await this.work(item);
    } catch (error) {
      this.queued -= this.queues.get(lane)?.length ?? 0;
      this.queues.delete(lane);
      this.onFailure(lane, error);
    }
    this.running.delete(lane);
    const rest = this.queues.get(lane);
    if (rest && rest.length > 0 && !this.stopped) this.waiting.push(lane);
    else this.queues.delete(lane);
    this.schedule();
    if (this.running.size === 0) {
      const waiters = this.idleWaiters;
      this.idleWaiters = [];
      waiters.forEach((resolve) => resolve());
    }
  }
}
