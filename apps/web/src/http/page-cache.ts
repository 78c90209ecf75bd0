import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import { Inject, Injectable } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { WEB_CONFIG, WebEnv } from '../config/env.schema';
import { TtlCache } from '../upstream/ttl-cache';
import { RenderedPage } from '../views/page-renderer';
import { preferredEncoding } from './static-assets';

const brotli = promisify(brotliCompress);
const gzipped = promisify(gzip);

/** A page as every visitor gets it, compressed once in each encoding browsers ask for. */
export interface SharedPage {
  status: number;
  headers: Record<string, string>;
  identity: Buffer;
  br: Buffer;
  gzip: Buffer;
}

/**
 * Pages that are the same for everyone (the programme, a registration form, the privacy notice,
 * the calendar feed), rendered and compressed once per WEB_CATALOG_CACHE_SECONDS — the time the
 * catalog data they show is reused anyway — then sent as they are: a request costs a lookup, not
 * a render nor a compression. Compressing runs on libuv's threads, off the event loop. Concurrent
 * requests for a page being rendered wait for that one render. At most 500 pages are kept (query
 * strings are the visitor's to choose).
 */
@Injectable()
export class PageCache {
  private readonly pages: TtlCache<SharedPage>;

  constructor(@Inject(WEB_CONFIG) config: WebEnv) {
    this.pages = new TtlCache(config.WEB_CATALOG_CACHE_SECONDS * 1000, 500);
  }

  async send(
    request: FastifyRequest,
    reply: FastifyReply,
    key: string,
    render: () => Promise<RenderedPage>,
  ): Promise<FastifyReply> {
    const page = await this.pages.get(key, async () => shared(await render()));
    const encoding = preferredEncoding(request.headers['accept-encoding']);
    void reply.status(page.status).headers(page.headers);
    if (encoding) void reply.header('content-encoding', encoding);
    return reply.send(encoding === 'br' ? page.br : encoding === 'gzip' ? page.gzip : page.identity);
  }
}

export async function shared(page: RenderedPage): Promise<SharedPage> {
  const identity = Buffer.from(page.body, 'utf8');
  const [br, gzip] = await Promise.all([
    brotli(identity, {
      params: { [constants.BROTLI_PARAM_QUALITY]: 9, [constants.BROTLI_PARAM_SIZE_HINT]: identity.length },
    }),
    gzipped(identity, { level: 9 }),
  ]);
  return { status: page.status, headers: page.headers, identity, br, gzip };
}
