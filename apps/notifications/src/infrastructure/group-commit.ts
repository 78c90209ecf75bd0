interface Waiting<I, O> {
  item: I;
  resolve: (outcome: O) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit: items submitted while a batch of the same key is being written wait and go
 * together in the next one (at most `maxBatch`), so N concurrent callers cost one transaction
 * instead of N. Nothing waits for a timer: a lone item is written at once (after the current
 * tick, so that callers of the same tick join it). `write` returns one outcome per item, in
 * order. A failed batch of several items is written again item by item, so one bad item fails
 * alone and the others are not retried for it.
 */
export class GroupCommit<I, O> {
  private readonly waiting = new Map<string, Waiting<I, O>[]>();
  private readonly writing = new Set<string>();

  constructor(
    private readonly write: (key: string, items: I[]) => Promise<O[]>,
    private readonly maxBatch: number,
  ) {}

  submit(key: string, item: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      const queue = this.waiting.get(key) ?? [];
      queue.push({ item, resolve, reject });
      this.waiting.set(key, queue);
      if (!this.writing.has(key)) {
        this.writing.add(key);
        setImmediate(() => void this.drain(key));
      }
    });
  }

  private async drain(key: string): Promise<void> {
    for (;;) {
      const queue = this.waiting.get(key) ?? [];
      if (queue.length === 0) {
        this.waiting.delete(key);
        this.writing.delete(key);
        return;
      }
      const batch = queue.splice(0, this.maxBatch);
      await this.writeBatch(key, batch);
    }
  }

  private async writeBatch(key: string, batch: Waiting<I, O>[]): Promise<void> {
    try {
      const outcomes = await this.write(
        key,
        batch.map((w) => w.item),
      );
      batch.forEach((w, i) => w.resolve(outcomes[i]));
    } catch (error) {
      if (batch.length === 1) return batch[0].reject(error);
      for (const one of batch) await this.writeBatch(key, [one]);
    }
  }
}
