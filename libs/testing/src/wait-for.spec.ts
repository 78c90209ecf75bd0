import { waitFor } from './wait-for';

describe('waitFor', () => {
  it('returns the first value the condition accepts', async () => {
    let n = 0;
    await expect(
      waitFor(
        async () => ++n,
        (value) => value >= 3,
        { intervalMs: 1 },
      ),
    ).resolves.toBe(3);
  });

  it('fails at the overall limit, naming what it waited for and the last value', async () => {
    await expect(
      waitFor(
        async () => 'never',
        () => false,
        { timeoutMs: 20, intervalMs: 5, what: 'the mail' },
      ),
    ).rejects.toThrow(/Timed out after 20 ms waiting for the mail; last value: "never"/);
  });

  it('with stallMs, keeps waiting past the stall window while the value moves', async () => {
    let n = 0;
    const value = await waitFor(
      async () => ++n,
      (v) => v >= 30,
      { intervalMs: 2, stallMs: 15, timeoutMs: 5_000 },
    );
    expect(value).toBe(30);
  });

  it('with stallMs, fails once the value stops changing', async () => {
    let n = 0;
    await expect(
      waitFor(
        async () => Math.min(++n, 3),
        () => false,
        { intervalMs: 2, stallMs: 30, timeoutMs: 5_000, what: 'mails' },
      ),
    ).rejects.toThrow(/No progress for 30 ms .* waiting for mails; last value: 3/);
  });
});
