import { LEASE_MS, LeasedRateLimiter, SlotStore } from './leased-rate-limiter';

/** The Redis budget, in memory: `limit` slots per window, never more granted than left. */
class FakeStore implements SlotStore {
  taken = 0;
  calls: number[] = [];
  release: (() => void) | null = null;
  gate: Promise<void> | null = null;

  async take(_key: string, limit: number, _windowMs: number, slots: number) {
    this.calls.push(slots);
    if (this.gate) await this.gate;
    const granted = Math.max(0, Math.min(slots, limit - this.taken));
    this.taken += granted;
    return {
      allowed: granted > 0,
      granted,
      remaining: limit - this.taken,
      retryAfterMs: granted > 0 ? 0 : 30_000,
    };
  }
}

describe('the rate limiter’s leases', () => {
  let now = 0;
  const clock = () => now;

  beforeEach(() => {
    now = 1_000_000;
  });

  it('counts a client that sends a request every few seconds exactly: one slot, one round trip, each time', async () => {
    const store = new FakeStore();
    const limiter = new LeasedRateLimiter(store, clock);
    for (let i = 0; i < 5; i++) {
      expect((await limiter.hit('client', 60, 60_000)).allowed).toBe(true);
      now += 3000;
    }
    expect(store.calls).toEqual([1, 1, 1, 1, 1]);
    expect(store.taken).toBe(5);
  });

  it('gives a busy client growing leases, up to a tenth of the limit, spent without a round trip', async () => {
    const store = new FakeStore();
    const limiter = new LeasedRateLimiter(store, clock);
    for (let i = 0; i < 100; i++) expect((await limiter.hit('client', 600, 60_000)).allowed).toBe(true);
    expect(store.calls).toEqual([1, 2, 4, 8, 16, 32, 60]);
    expect(store.taken).toBe(123); // 100 spent, 23 taken and not yet spent
  });

  it('never lets through more than the store granted, and refuses with its retry delay', async () => {
    const store = new FakeStore();
    const limiter = new LeasedRateLimiter(store, clock);
    const decisions = [];
    for (let i = 0; i < 60; i++) decisions.push(await limiter.hit('client', 50, 60_000));
    expect(decisions.filter((d) => d.allowed)).toHaveLength(50);
    expect(decisions[59]).toEqual({ allowed: false, remaining: 0, retryAfterMs: 30_000 });
  });

  it('counts exactly below a limit of 20 (leases of one)', async () => {
    const store = new FakeStore();
    const limiter = new LeasedRateLimiter(store, clock);
    const allowed = [];
    for (let i = 0; i < 7; i++) allowed.push((await limiter.hit('client', 5, 60_000)).allowed);
    expect(allowed).toEqual([true, true, true, true, true, false, false]);
    expect(store.calls.every((slots) => slots === 1)).toBe(true);
  });

  it('makes concurrent requests of one client share one round trip', async () => {
    const store = new FakeStore();
    store.gate = new Promise((resolve) => (store.release = resolve));
    const limiter = new LeasedRateLimiter(store, clock);
    const burst = Promise.all(Array.from({ length: 10 }, () => limiter.hit('client', 6000, 60_000)));
    store.release!();
    expect((await burst).every((d) => d.allowed)).toBe(true);
    expect(store.calls.length).toBeLessThan(10);
    expect(store.calls[0]).toBe(1);
  });

  it('drops a lease not spent in time: its slots are not used late, the next lease is of one', async () => {
    const store = new FakeStore();
    const limiter = new LeasedRateLimiter(store, clock);
    for (let i = 0; i < 4; i++) await limiter.hit('client', 600, 60_000); // leases 1, 2, 4: 3 slots left
    now += LEASE_MS;
    await limiter.hit('client', 600, 60_000);
    expect(store.calls).toEqual([1, 2, 4, 1]);
  });

  it('keeps each client’s budget apart', async () => {
    const store = new FakeStore();
    const limiter = new LeasedRateLimiter(store, clock);
    await limiter.hit('a', 600, 60_000);
    await limiter.hit('b', 600, 60_000);
    expect(store.calls).toEqual([1, 1]);
  });
});
