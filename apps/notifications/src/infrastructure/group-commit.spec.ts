import { GroupCommit } from './group-commit';

describe('GroupCommit', () => {
  it('writes a lone item at once, alone', async () => {
    const batches: number[][] = [];
    const group = new GroupCommit<number, number>(async (_key, items) => {
      batches.push(items);
      return items.map((i) => i * 10);
    }, 10);
    await expect(group.submit('t1', 1)).resolves.toBe(10);
    expect(batches).toEqual([[1]]);
  });

  it('puts the items submitted while a batch is written into the next one, each getting its own outcome', async () => {
    const batches: number[][] = [];
    let release!: () => void;
    const firstWritten = new Promise<void>((resolve) => (release = resolve));
    const group = new GroupCommit<number, string>(async (_key, items) => {
      batches.push(items);
      if (batches.length === 1) await firstWritten;
      return items.map((i) => `done ${i}`);
    }, 10);
    const first = group.submit('t1', 1);
    await new Promise((resolve) => setImmediate(resolve)); // the first batch is being written
    const next = [2, 3, 4].map((i) => group.submit('t1', i));
    release();
    await expect(Promise.all([first, ...next])).resolves.toEqual(['done 1', 'done 2', 'done 3', 'done 4']);
    expect(batches).toEqual([[1], [2, 3, 4]]);
  });

  it('never writes more than maxBatch items at once, and keys are written apart', async () => {
    const batches: { key: string; items: number[] }[] = [];
    const group = new GroupCommit<number, number>(async (key, items) => {
      batches.push({ key, items });
      return items;
    }, 2);
    await Promise.all([
      group.submit('a', 1),
      group.submit('a', 2),
      group.submit('a', 3),
      group.submit('b', 4),
    ]);
    expect(batches.filter((b) => b.key === 'a').map((b) => b.items)).toEqual([[1, 2], [3]]);
    expect(batches.filter((b) => b.key === 'b').map((b) => b.items)).toEqual([[4]]);
  });

  it('writes a failed batch again item by item: only the bad item fails', async () => {
    const group = new GroupCommit<number, number>(async (_key, items) => {
      if (items.includes(13)) throw new Error('bad item 13');
      return items;
    }, 10);
    const outcomes = await Promise.allSettled([12, 13, 14].map((i) => group.submit('t1', i)));
    expect(outcomes).toEqual([
      { status: 'fulfilled', value: 12 },
      { status: 'rejected', reason: new Error('bad item 13') },
      { status: 'fulfilled', value: 14 },
    ]);
  });
});
