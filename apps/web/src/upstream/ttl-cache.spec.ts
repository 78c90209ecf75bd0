import { TtlCache } from './ttl-cache';

describe('TtlCache', () => {
  it('reuses an answer until it expires, then loads again', async () => {
    let now = 0;
    const cache = new TtlCache<number>(5000, 10, () => now);
    let loads = 0;
    const load = async () => ++loads;

    expect(await cache.get('k', load)).toBe(1);
    now = 4999;
    expect(await cache.get('k', load)).toBe(1);
    now = 5000;
    expect(await cache.get('k', load)).toBe(2);
  });

  it('shares one load between concurrent misses, and keeps no failure', async () => {
    const cache = new TtlCache<string>(5000);
    let loads = 0;
    let release!: (value: string) => void;
    const slow = () => {
      loads += 1;
      return new Promise<string>((resolve) => (release = resolve));
    };
    const both = Promise.all([cache.get('k', slow), cache.get('k', slow)]);
    release('v');
    expect(await both).toEqual(['v', 'v']);
    expect(loads).toBe(1);

    await expect(cache.get('bad', () => Promise.reject(new Error('down')))).rejects.toThrow('down');
    expect(await cache.get('bad', async () => 'up')).toBe('up');
  });

  it('keeps at most maxEntries, dropping the oldest', async () => {
    const cache = new TtlCache<number>(60_000, 2);
    let loads = 0;
    const load = async () => ++loads;
    await cache.get('a', load);
    await cache.get('b', load);
    await cache.get('c', load);
    expect(await cache.get('a', load)).toBe(4);
    expect(await cache.get('c', load)).toBe(3);
  });
});
