import { PeriodicTask } from './periodic-task';

describe('PeriodicTask', () => {
  it('shares the run under way, answers the fallback on failure and once stopped', async () => {
    let calls = 0;
    let finish: (value: number) => void = () => undefined;
    const errors: string[] = [];
    const task = new PeriodicTask<number>(
      () => {
        calls += 1;
        if (calls === 2) return Promise.reject(new Error('down'));
        return new Promise<number>((resolve) => (finish = resolve));
      },
      { fallback: -1, onError: (error) => errors.push(error.message) },
    );

    const first = task.runOnce();
    const again = task.runOnce();
    finish(7);
    expect(await first).toBe(7);
    expect(await again).toBe(7);
    expect(calls).toBe(1);

    expect(await task.runOnce()).toBe(-1);
    expect(errors).toEqual(['down']);

    await task.stop();
    expect(await task.runOnce()).toBe(-1);
    expect(calls).toBe(2);
  });

  it('stop waits for the run under way', async () => {
    let finish: () => void = () => undefined;
    let done = false;
    const task = new PeriodicTask<null>(
      () => new Promise<null>((resolve) => (finish = () => resolve(null))).then(() => ((done = true), null)),
      { fallback: null, onError: () => undefined },
    );
    void task.runOnce();
    const stopped = task.stop();
    finish();
    await stopped;
    expect(done).toBe(true);
  });
});
