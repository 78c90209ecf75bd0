import { PartitionLanes } from './partition-lanes';

/** Work whose completion the test controls: `finish(item)` resolves the run of `item`. */
function controlledWork() {
  const started: string[] = [];
  const pending = new Map<string, { resolve: () => void; reject: (error: Error) => void }>();
  return {
    started,
    run: (item: string) =>
      new Promise<void>((resolve, reject) => {
        started.push(item);
        pending.set(item, { resolve, reject });
      }),
    async finish(item: string, error?: Error) {
      const run = pending.get(item)!;
      pending.delete(item);
      if (error) run.reject(error);
      else run.resolve();
      await new Promise((resolve) => setImmediate(resolve));
    },
  };
}

describe('PartitionLanes', () => {
  it('runs one lane in arrival order, one item at a time', async () => {
    const work = controlledWork();
    const lanes = new PartitionLanes(3, work.run, () => undefined);
    ['a1', 'a2', 'a3'].forEach((item) => lanes.push('a', item));
    expect(work.started).toEqual(['a1']);
    await work.finish('a1');
    expect(work.started).toEqual(['a1', 'a2']);
    await work.finish('a2');
    await work.finish('a3');
    expect(work.started).toEqual(['a1', 'a2', 'a3']);
    expect(lanes.size).toBe(0);
  });

  it('runs up to `concurrency` lanes at once, and lanes waiting for a turn take it item by item', async () => {
    const work = controlledWork();
    const lanes = new PartitionLanes(2, work.run, () => undefined);
    lanes.push('a', 'a1');
    lanes.push('a', 'a2');
    lanes.push('b', 'b1');
    lanes.push('c', 'c1');
    expect(work.started).toEqual(['a1', 'b1']);
    await work.finish('a1'); // a has more, but c has waited: c goes first
    expect(work.started).toEqual(['a1', 'b1', 'c1']);
    await work.finish('b1');
    expect(work.started).toEqual(['a1', 'b1', 'c1', 'a2']);
  });

  it('drops the rest of a lane whose item failed and reports it; other lanes go on', async () => {
    const work = controlledWork();
    const failures: [string, unknown][] = [];
    const lanes = new PartitionLanes(2, work.run, (lane, error) => failures.push([lane, error]));
    lanes.push('a', 'a1');
    lanes.push('a', 'a2');
    lanes.push('b', 'b1');
    lanes.push('b', 'b2');
    const boom = new Error('boom');
    await work.finish('a1', boom);
    expect(failures).toEqual([['a', boom]]);
    await work.finish('b1');
    await work.finish('b2');
    expect(work.started).toEqual(['a1', 'b1', 'b2']);
    expect(lanes.size).toBe(0);
  });

  it('stops: drops what is queued, takes nothing new, and resolves once the items running are done', async () => {
    const work = controlledWork();
    const lanes = new PartitionLanes(2, work.run, () => undefined);
    lanes.push('a', 'a1');
    lanes.push('a', 'a2');
    lanes.push('b', 'b1');
    let stopped = false;
    const stopping = lanes.stop().then(() => (stopped = true));
    lanes.push('c', 'c1');
    await work.finish('a1');
    expect(stopped).toBe(false);
    await work.finish('b1');
    await stopping;
    expect(work.started).toEqual(['a1', 'b1']);
    expect(lanes.size).toBe(0);
  });

  it('tells how many items of a lane have not started', () => {
    const work = controlledWork();
    const lanes = new PartitionLanes(1, work.run, () => undefined);
    lanes.push('a', 'a1');
    lanes.push('a', 'a2');
    lanes.push('a', 'a3');
    expect(lanes.queuedIn('a')).toBe(2);
    expect(lanes.queuedIn('b')).toBe(0);
  });

  it('lets a running item take the rest of its lane in order, leaving other lanes alone', async () => {
    const batches: string[][] = [];
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const lanes: PartitionLanes<string> = new PartitionLanes<string>(
      1,
      async (item) => {
        await gate;
        batches.push([item, ...lanes.take(item[0], 2)]);
      },
      () => undefined,
    );
    ['a1', 'a2', 'a3', 'a4'].forEach((item) => lanes.push('a', item));
    lanes.push('b', 'b1');
    expect(lanes.size).toBe(5);
    release();
    await new Promise((resolve) => setImmediate(resolve));
    await lanes.idle();
    expect(batches).toEqual([['a1', 'a2', 'a3'], ['b1'], ['a4']]);
    expect(lanes.size).toBe(0);
    expect(lanes.take('a', 5)).toEqual([]);
  });
});
