import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { compressedFor, pageBody } from './compression';

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

  it('sends a page’s HTML as its string when it cannot reach the threshold, else its compressed bytes', () => {
    const small = '<p>Séance annulée : “Boxe cardio”</p>'.repeat(100);
    expect(pageBody('br', small)).toEqual({ encoding: null, body: small });
    const html = large.toString('utf8');
    const br = pageBody('br', html);
    expect(br.encoding).toBe('br');
    expect(brotliDecompressSync(br.body as Buffer).toString('utf8')).toBe(html);
    // Long enough in characters to need its byte length, which is under the threshold: bytes as they are.
    const between = 'é'.repeat(6 * 1024);
    expect(pageBody('br', between)).toEqual({ encoding: null, body: Buffer.from(between, 'utf8') });
  });
});
