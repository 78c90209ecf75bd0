import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { preferredEncoding } from './static-assets';

/**
 * Below this a page goes as it is: it fits in the first flight of packets a connection may send
 * (TCP's initial window, ten segments), so compressing it saves no round trip, only CPU.
 */
const MIN_BYTES = 14 * 1024;
/** A 128 KB window: larger than any page, so as good as brotli's default 4 MB at a fraction of the memory. */
const WINDOW_BITS = 17;

/**
 * A page's HTML as it goes out: as it is, a string, when it cannot reach MIN_BYTES (Fastify hands
 * it to Node with the headers, which go out together in one write, with no Buffer copied
 * beforehand), else compressedFor its bytes.
 */
export function pageBody(
  acceptEncoding: string | undefined,
  html: string,
): { encoding: 'br' | 'gzip' | null; body: string | Buffer } {
  // A UTF-16 code unit is at most three bytes of UTF-8.
  if (html.length * 3 < MIN_BYTES) return { encoding: null, body: html };
  return compressedFor(acceptEncoding, Buffer.from(html, 'utf8'));
}

/**
 * A page written for one visitor, compressed in one call as the client accepts (brotli, else
 * gzip): cheaper than a compression stream per response, whose set-up (a 4 MB window for
 * brotli) costs more than compressing a page of a few kilobytes.
 */
export function compressedFor(
  acceptEncoding: string | undefined,
  body: Buffer,
): { encoding: 'br' | 'gzip' | null; body: Buffer } {
  const encoding = body.length >= MIN_BYTES ? preferredEncoding(acceptEncoding) : null;
  if (encoding === 'br') {
    const params = {
      [constants.BROTLI_PARAM_QUALITY]: 4,
      [constants.BROTLI_PARAM_LGWIN]: WINDOW_BITS,
      [constants.BROTLI_PARAM_SIZE_HINT]: body.length,
    };
    return { encoding, body: brotliCompressSync(body, { params }) };
  }
  if (encoding === 'gzip') return { encoding, body: gzipSync(body, { level: 6 }) };
  return { encoding: null, body };
}
