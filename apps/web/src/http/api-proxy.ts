import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { apiServiceOf, clientAddress, proxyTrust, TrustProxy } from '@respire/platform';
import { UpstreamName } from '../config/env.schema';

/** Headers that belong to one connection, never forwarded (RFC 9110 §7.6.1), and those we set. */
const NOT_FORWARDED = new Set([
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'host',
  'content-length',
  'x-forwarded-for',
  'x-forwarded-host',
  'x-forwarded-proto',
]);

export interface ApiProxyOptions {
  upstreams: Record<UpstreamName, string>;
  trustProxy: TrustProxy;
}

/**
 * `/v1/...` on the web origin: sent as it is to the service the route table names (the table
 * the Ingress is generated from), bodies streamed untouched, the client's address in
 * X-Forwarded-For (replacing any the client sent). A path no service owns answers 404 in the
 * services' error shape. Registered in its own Fastify context, which reads every body as bytes.
 */
export function installApiProxy(fastify: FastifyInstance, options: ApiProxyOptions): void {
  void fastify.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser(
      '*',
      { parseAs: 'buffer', bodyLimit: 2 * 1024 * 1024 },
      (_request, body, done) => done(null, body),
    );
    scope.all('/v1/*', { compress: {} } as never, (request, reply) => forward(request, reply, options));
    // The signing keys and OIDC discovery document (identity), where verifiers look for them.
    scope.get('/.well-known/*', (request, reply) => forward(request, reply, options));
  });
}

async function forward(
  request: FastifyRequest,
  reply: FastifyReply,
  options: ApiProxyOptions,
): Promise<FastifyReply> {
  const path = request.url.split('?')[0];
  const service = apiServiceOf(path);
  if (!service) {
    return reply.status(404).send({ error: 'not_found', message: `Aucune route ${request.method} ${path}.` });
  }
  const headers = new Headers();
  for (const [name, value] of Object.entries(request.headers)) {
    if (value === undefined || NOT_FORWARDED.has(name)) continue;
    headers.set(name, Array.isArray(value) ? value.join(', ') : value);
  }
  headers.set('x-forwarded-for', clientAddress(request, proxyTrust(options.trustProxy)));
  headers.set('x-forwarded-proto', request.protocol);
  if (request.headers.host) headers.set('x-forwarded-host', request.headers.host);
  const body =
    request.method === 'GET' || request.method === 'HEAD' ? undefined : (request.body as Buffer | undefined);
  let response: Response;
  try {
    response = await fetch(`${options.upstreams[service]}${request.url}`, {
      method: request.method,
      headers,
      body: body && body.length > 0 ? new Uint8Array(body) : undefined,
      redirect: 'manual',
      signal: AbortSignal.timeout(30_000),
    });
  } catch {
    return reply.status(503).header('retry-after', '5').send({
      error: 'service_unavailable',
      message: 'Le service ne répond pas pour le moment. Merci de réessayer.',
    });
  }
  reply.status(response.status);
  response.headers.forEach((value, name) => {
    if (!NOT_FORWARDED.has(name) && name !== 'content-encoding') void reply.header(name, value);
  });
  return reply.send(Buffer.from(await response.arrayBuffer()));
}
