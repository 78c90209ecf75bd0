import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import { CORRELATION_ID_HEADER, RequestContext } from '@respire/platform';
import { webEnvSchema } from '../config/env.schema';
import { TooManyRequestsError, UpstreamClient, UpstreamUnavailableError } from './upstream.client';

/** What the service received: method, path, headers and body of each call. */
interface Received {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

describe('UpstreamClient', () => {
  let server: Server;
  let client: UpstreamClient;
  let answer: (response: ServerResponse) => void;
  const received: Received[] = [];

  beforeAll(async () => {
    server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        received.push({
          method: request.method!,
          url: request.url!,
          headers: request.headers,
          body: Buffer.concat(chunks).toString('utf8'),
        });
        answer(response);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    client = new UpstreamClient(
      webEnvSchema.parse({
        NODE_ENV: 'test',
        JWT_SECRET: 'a-secret-for-the-upstream-client-spec-only',
        REGISTRATION_URL: `http://127.0.0.1:${port}/base`,
      }),
    );
  });

  afterAll(async () => {
    await client.onApplicationShutdown();
    await new Promise((resolve) => server.close(resolve));
  });

  beforeEach(() => (received.length = 0));

  const json = (status: number, body: unknown, headers: Record<string, string> = {}) => {
    answer = (response) => {
      response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
      response.end(JSON.stringify(body));
    };
  };

  it('GETs under the service’s base path on behalf of the client, with the correlation id, and parses the JSON', async () => {
    json(200, { id: 'r1', venue: 'Besançon' });
    const result = await RequestContext.run({ correlationId: 'corr-1' }, () =>
      client.call('registration', 'GET', '/v1/public/registrations/r1?token=t', {
        clientAddress: '192.0.2.7',
      }),
    );
    expect(result).toEqual({ status: 200, body: { id: 'r1', venue: 'Besançon' } });
    expect(received[0]).toMatchObject({
      method: 'GET',
      url: '/base/v1/public/registrations/r1?token=t',
      headers: {
        accept: 'application/json',
        'x-forwarded-for': '192.0.2.7',
        [CORRELATION_ID_HEADER]: 'corr-1',
      },
    });
  });

  it('POSTs a JSON body with its length and the caller’s headers', async () => {
    json(201, { ok: true });
    const result = await client.call(
      'registration',
      'POST',
      '/v1/x',
      { clientAddress: '192.0.2.7' },
      {
        body: { name: 'Émilie' },
        headers: { 'idempotency-key': 'k1' },
      },
    );
    expect(result.status).toBe(201);
    expect(received[0].body).toBe('{"name":"Émilie"}');
    expect(received[0].headers).toMatchObject({
      'content-type': 'application/json',
      'content-length': String(Buffer.byteLength('{"name":"Émilie"}')),
      'idempotency-key': 'k1',
    });
  });

  it('returns a 4xx answer to the caller, and an empty body as null', async () => {
    json(404, { error: 'not_found', message: 'Introuvable.' });
    await expect(
      client.call('registration', 'GET', '/v1/x', { clientAddress: '192.0.2.7' }),
    ).resolves.toEqual({
      status: 404,
      body: { error: 'not_found', message: 'Introuvable.' },
    });
    answer = (response) => response.writeHead(204).end();
    await expect(
      client.call('registration', 'GET', '/v1/x', { clientAddress: '192.0.2.7' }),
    ).resolves.toEqual({
      status: 204,
      body: null,
    });
  });

  it('reads a body that arrives in several chunks', async () => {
    const long = 'é'.repeat(40_000);
    answer = (response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      const bytes = Buffer.from(JSON.stringify({ long }));
      // Cut inside a two-byte character: the chunks are joined before decoding.
      response.write(bytes.subarray(0, 1001));
      setImmediate(() => response.end(bytes.subarray(1001)));
    };
    const result = await client.call<{ long: string }>('registration', 'GET', '/v1/x', {
      clientAddress: '192.0.2.7',
    });
    expect(result.body.long).toBe(long);
  });

  it('turns a 429 into TooManyRequestsError with the service’s Retry-After, whatever its case', async () => {
    json(429, { error: 'too_many_requests' }, { 'Retry-After': '17' });
    const refused = client.call('registration', 'GET', '/v1/x', { clientAddress: '192.0.2.7' });
    await expect(refused).rejects.toBeInstanceOf(TooManyRequestsError);
    await expect(refused).rejects.toMatchObject({ retryAfterSeconds: 17 });
  });

  it('counts a 429 without Retry-After as a minute', async () => {
    json(429, { error: 'too_many_requests' });
    await expect(
      client.call('registration', 'GET', '/v1/x', { clientAddress: '192.0.2.7' }),
    ).rejects.toMatchObject({ retryAfterSeconds: 60 });
  });

  it('turns a 5xx, or a service that does not answer, into UpstreamUnavailableError', async () => {
    json(503, { error: 'unavailable' });
    await expect(client.call('registration', 'GET', '/v1/x', { clientAddress: '192.0.2.7' })).rejects.toEqual(
      new UpstreamUnavailableError('registration', 'HTTP 503'),
    );
    answer = (response) => response.socket!.destroy();
    await expect(
      client.call('registration', 'GET', '/v1/x', { clientAddress: '192.0.2.7' }),
    ).rejects.toBeInstanceOf(UpstreamUnavailableError);
  });
});
