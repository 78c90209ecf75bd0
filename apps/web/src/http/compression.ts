import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { preferredEncoding } from './static-assets';

/** Below this, compressing saves less than the headers it costs. */
const MIN_BYTES = 1024;
/** A 128 KB window: larger than any page, so as good as brotli's default 4 MB at a fraction of the memory. */
const WINDOW_BITS = 17;
/** Quality 4 up to here, 1 below: on a few kilobytes, quality 1 is three times faster and hardly larger. */
const SMALL_PAGE_BYTES = 16 * 1024;

/**
 * A page written for one visitor, compressed in one call as the client accepts (brotli, else
 * gzip): cheaper than a compression stream per response, whose set-up (a 4 MB window for
 * brotli) costs more than compressing a page of a few kilobytes.
 */
export function compressedFor(acceptEncoding: string | undefined, body: Buffer): { encoding: 'br' | 'gzip' | null; body: Buffer } {
  const encoding = body.length >= MIN_BYTES ? preferredEncoding(acceptEncoding) : null;
  if (encoding === 'br') {
    const quality = body.length < SMALL_PAGE_BYTES ? 1 : 4;
    const params = { [constants.BROTLI_PARAM_QUALITY]: quality, [constants.BROTLI_PARAM_LGWIN]: WINDOW_BITS, [constants.BROTLI_PARAM_SIZE_HINT]: body.length };
    return { encoding, body: brotliCompressSync(body, { params }) };
  }
  if (encoding === 'gzip') return { encoding, body: gzipSync(body, { level: 6 }) };
  return { encoding: null, body };
}
