import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { preferredEncoding } from './static-assets';

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json; charset=utf-8',
};

/**
 * The back office's policy: its scripts and styles from this origin (Mantine sets style
 * attributes, hence 'unsafe-inline' for styles only), API calls to this origin, never framed.
 * `frame-src 'self'` lets the message editor show its preview (a sandboxed srcdoc frame).
 */
export const BACKOFFICE_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: https:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "frame-src 'self'",
  "form-action 'self'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** Where the built back office is: WEB_BACKOFFICE_DIR, else dist/backoffice from the built app or the sources. */
export function backofficeDirectory(configured: string | undefined): string | null {
  const candidates = configured
    ? [configured]
    : [
        join(__dirname, '..', 'backoffice'),
        join(__dirname, '..', '..', 'backoffice'),
        join(__dirname, '..', '..', '..', '..', 'dist', 'backoffice'),
      ];
  return candidates.find((dir) => existsSync(join(dir, 'index.html'))) ?? null;
}

/**
 * `/app/…`: the back office, a single-page app. Its hashed files (`/app/assets/…`) are cached for
 * a year; every other path answers index.html (the history fallback: the app routes in the
 * browser), never cached, so a deploy is picked up at the next page load.
 */
export function installBackoffice(fastify: FastifyInstance, directory: string | null): void {
  if (!directory) {
    const missing = (_: unknown, reply: FastifyReply) =>
      reply
        .status(503)
        .type('text/plain; charset=utf-8')
        .send('Le back-office n’est pas construit sur ce serveur : lancez npm run backoffice:build.');
    fastify.get('/app', missing);
    fastify.get('/app/*', missing);
    return;
  }
  const index = readFileSync(join(directory, 'index.html'));
  const assets = new Map<string, { type: string; body: Buffer; brotli?: Buffer; gzip?: Buffer }>();
  const assetDir = join(directory, 'assets');
  if (existsSync(assetDir)) {
    for (const file of readdirSync(assetDir)) {
      const path = join(assetDir, file);
      if (!statSync(path).isFile()) continue;
      const type = TYPES[extname(file)] ?? 'application/octet-stream';
      const body = readFileSync(path);
      // Compressed once at boot (the web app compresses nothing per request but the /v1 proxy).
      const compressible = /^(text\/|application\/json|image\/svg)/.test(type);
      assets.set(`/app/assets/${file}`, {
        type,
        body,
        ...(compressible
          ? {
              brotli: brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 9 } }),
              gzip: gzipSync(body, { level: 9 }),
            }
          : {}),
      });
    }
  }
  const page = (_: unknown, reply: FastifyReply) =>
    reply
      .type('text/html; charset=utf-8')
      .header('cache-control', 'no-cache')
      .header('content-security-policy', BACKOFFICE_CSP)
      .header('x-frame-options', 'DENY')
      .header('referrer-policy', 'no-referrer')
      .header('x-content-type-options', 'nosniff')
      .send(index);
  fastify.get('/app', page);
  fastify.get('/app/*', (request, reply) => {
    const path = request.url.split('?')[0];
    if (path.startsWith('/app/assets/')) {
      const asset = assets.get(path);
      if (!asset) return reply.status(404).type('text/plain; charset=utf-8').send('Introuvable');
      const encoding = asset.brotli ? preferredEncoding(request.headers['accept-encoding']) : null;
      void reply
        .type(asset.type)
        .header('cache-control', 'public, max-age=31536000, immutable')
        .header('vary', 'Accept-Encoding')
        .header('x-content-type-options', 'nosniff');
      if (encoding) void reply.header('content-encoding', encoding);
      return reply.send(encoding === 'br' ? asset.brotli : encoding === 'gzip' ? asset.gzip : asset.body);
    }
    return page(request, reply);
  });
}
