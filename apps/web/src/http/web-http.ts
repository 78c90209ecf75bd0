import { constants } from 'node:zlib';
import compress from '@fastify/compress';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { upstreamUrls, WebEnv } from '../config/env.schema';
import { installApiProxy } from './api-proxy';
import { backofficeDirectory, installBackoffice } from './backoffice';
import { Asset, preferredEncoding, StaticAssets } from './static-assets';

/**
 * What the web app serves outside its Nest controllers: compression of the /v1 answers, the
 * fingerprinted assets (cached for a year), the embed loader (`/embed.js`, a stable address,
 * cached an hour), the /v1 proxy and the back office under /app. /metrics answers only
 * Prometheus, which scrapes the pod directly: a request that
 * came through the Ingress (it always adds X-Forwarded-For) gets a 404.
 */
export async function configureWebHttp(app: NestFastifyApplication, config: WebEnv): Promise<void> {
  const fastify = app.getHttpAdapter().getInstance() as unknown as FastifyInstance;
  // Pages compress themselves (PageCache ahead of time, writePage in one call) and assets are
  // compressed at boot: only the /v1 proxy's answers go through the compression plugin.
  await app.register(compress as never, {
    global: false,
    threshold: 1024,
    encodings: ['br', 'gzip'],
    brotliOptions: { params: { [constants.BROTLI_PARAM_QUALITY]: 4 } },
  });
  const assets = app.get(StaticAssets);
  fastify.get('/assets/*', (request, reply) => {
    const asset = assets.atUrl(request.url.split('?')[0]);
    if (!asset) return reply.status(404).type('text/plain; charset=utf-8').send('Introuvable');
    return sendAsset(request, reply, asset, 'public, max-age=31536000, immutable');
  });
  fastify.get('/embed.js', (request, reply) =>
    sendAsset(request, reply, assets.file('embed.js')!, 'public, max-age=3600'),
  );
  fastify.addHook('onRequest', (request, reply, done) => {
    if (request.url.startsWith('/metrics') && request.headers['x-forwarded-for'] !== undefined) {
      void reply.status(404).send({ error: 'not_found', message: 'Introuvable.' });
      return;
    }
    done();
  });
  installApiProxy(fastify, { upstreams: upstreamUrls(config), trustProxy: config.TRUST_PROXY });
  installBackoffice(fastify, backofficeDirectory(config.WEB_BACKOFFICE_DIR));
}

function sendAsset(request: FastifyRequest, reply: FastifyReply, asset: Asset, cacheControl: string) {
  const encoding = preferredEncoding(request.headers['accept-encoding']);
  void reply
    .header('content-type', asset.contentType)
    .header('cache-control', cacheControl)
    .header('vary', 'Accept-Encoding')
    .header('x-content-type-options', 'nosniff')
    .header('access-control-allow-origin', '*');
  if (encoding) void reply.header('content-encoding', encoding);
  return reply.send(encoding === 'br' ? asset.brotli : encoding === 'gzip' ? asset.gzip : asset.body);
}
