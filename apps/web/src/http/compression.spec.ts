import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { compressedFor } from './compression';

describe('compressing a page for one visitor', () => {
  const large = Buffer.from('<li class="session">jeudi 28 janvier 2027, 18h30 – 19h30</li>'.repeat(400));

  it('sends brotli, else gzip, as the browser accepts, and the page reads back the same', () => {
    const br = compressedFor('gzip, deflate, br', large);
    expect(br.encoding).toBe('br');
    expect(brotliDecompressSync(br.body)).toEqual(large);
    const gzip = compressedFor('gzip', large);
    expect(gzip.encoding).toBe('gzip');
    expect(gunzipSync(gzip.body)).toEqual(large);
    expect(compressedFor(undefined, large)).toEqual({ encoding: null, body: large });
  });

  it('leaves a page that fits in the first packets as it is', () => {
    const small = large.subarray(0, 10 * 1024);
    expect(compressedFor('br', small)).toEqual({ encoding: null, body: small });
  });
});
