import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

export interface Asset {
  /** `/assets/<name>.<hash>.<ext>`: a new content gets a new URL, so it may be cached for ever. */
  url: string;
  contentType: string;
  body: Buffer;
  gzip: Buffer;
  brotli: Buffer;
}

const TYPES: Record<string, string> = {
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
};

/**
 * The stylesheet and scripts, read once at boot, fingerprinted and compressed ahead of time.
 * Pages name them through `url(file)`.
 */
export class StaticAssets {
  private readonly byFile = new Map<string, Asset>();
  private readonly byUrl = new Map<string, Asset>();

  constructor(directory: string) {
    for (const file of readdirSync(directory)) {
      const type = TYPES[extname(file)];
      if (!type) continue;
      const body = readFileSync(join(directory, file));
      const hash = createHash('sha256').update(body).digest('hex').slice(0, 12);
      const ext = extname(file);
      const asset: Asset = {
        url: `/assets/${file.slice(0, -ext.length)}.${hash}${ext}`,
        contentType: type,
        body,
        gzip: gzipSync(body, { level: 9 }),
        brotli: brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }),
      };
      this.byFile.set(file, asset);
      this.byUrl.set(asset.url, asset);
    }
  }

  url(file: string): string {
    const asset = this.byFile.get(file);
    if (!asset) throw new Error(`no asset ${file}`);
    return asset.url;
  }

  file(file: string): Asset | undefined {
    return this.byFile.get(file);
  }

  atUrl(url: string): Asset | undefined {
    return this.byUrl.get(url);
  }
}

/** The best encoding the client accepts among those prepared. */
export function preferredEncoding(acceptEncoding: string | undefined): 'br' | 'gzip' | null {
  const accepted = (acceptEncoding ?? '').toLowerCase();
  if (/\bbr\b/.test(accepted)) return 'br';
  if (/\bgzip\b/.test(accepted)) return 'gzip';
  return null;
}
