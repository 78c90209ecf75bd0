import { Agent as HttpAgent, request as httpRequest } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { CORRELATION_ID_HEADER, RequestContext } from '@respire/platform';
import { UpstreamName, upstreamUrls, WEB_CONFIG, WebEnv } from '../config/env.schema';

/** A service's JSON answer: its status and body (`{error, message, fields?}` when refused). */
export interface UpstreamAnswer<T = unknown> {
  status: number;
  body: T;
}

/** The service could not answer (down, timed out, 5xx): the page says so, with a 503. */
export class UpstreamUnavailableError extends Error {
  constructor(
    readonly service: UpstreamName,
    cause: string,
  ) {
    super(`${service} unavailable: ${cause}`);
  }
}

/** Who the request is for: the page's client, whose address the services count against their rate limits. */
export interface OnBehalfOf {
  clientAddress: string;
}

export class TooManyRequestsError extends Error {
  constructor(readonly retryAfterSeconds: number) {
    super('too many requests');
  }
}

const TIMEOUT_MS = 5000;
/** Connections kept open to each service: as many as pages wait on it at once under load. */
const SOCKETS_PER_SERVICE = 64;

/**
 * JSON calls from the pages to the services' public routes, with the request's correlation id
 * and the client's address (X-Forwarded-For: the web app is the proxy the services trust, so
 * each client keeps its own rate-limit budget). Calls go over connections kept open to each
 * service (node:http keep-alive agents: no connection set-up per page, and less work per call
 * than fetch). 4xx answers are returned to the caller, which knows what they mean for its page;
 * anything else is UpstreamUnavailableError.
 */
@Injectable()
export class UpstreamClient implements OnApplicationShutdown {
  private readonly services: Record<UpstreamName, { url: URL; agent: HttpAgent }>;

  constructor(@Inject(WEB_CONFIG) config: WebEnv) {
    const urls = upstreamUrls(config);
    this.services = Object.fromEntries(
      Object.entries(urls).map(([name, base]) => {
        const url = new URL(base);
        const options = {
          keepAlive: true,
          maxSockets: SOCKETS_PER_SERVICE,
          maxFreeSockets: SOCKETS_PER_SERVICE,
        };
        return [
          name,
          { url, agent: url.protocol === 'https:' ? new HttpsAgent(options) : new HttpAgent(options) },
        ];
      }),
    ) as Record<UpstreamName, { url: URL; agent: HttpAgent }>;
  }

  async call<T>(
    service: UpstreamName,
    method: 'GET' | 'POST' | 'PUT',
    path: string,
    who: OnBehalfOf,
    options: { body?: unknown; headers?: Record<string, string> } = {},
  ): Promise<UpstreamAnswer<T>> {
    const headers: Record<string, string> = {
      accept: 'application/json',
      'x-forwarded-for': who.clientAddress,
      ...options.headers,
    };
    const correlationId = RequestContext.correlationId();
    if (correlationId) headers[CORRELATION_ID_HEADER] = correlationId;
    const body = options.body === undefined ? undefined : Buffer.from(JSON.stringify(options.body));
    if (body) {
      headers['content-type'] = 'application/json';
      headers['content-length'] = String(body.length);
    }
    let answer: { status: number; headers: Record<string, string | string[] | undefined>; text: string };
    try {
      answer = await this.send(service, method, path, headers, body);
    } catch (error) {
      throw new UpstreamUnavailableError(service, (error as Error).message);
    }
    if (answer.status === 429) {
      // The client is over the service's limit; the page answers as the service would.
      throw new TooManyRequestsError(Number(answer.headers['retry-after'] ?? 60));
    }
    if (answer.status >= 500) throw new UpstreamUnavailableError(service, `HTTP ${answer.status}`);
    return { status: answer.status, body: (answer.text ? JSON.parse(answer.text) : null) as T };
  }

  onApplicationShutdown(): void {
    for (const { agent } of Object.values(this.services)) agent.destroy();
  }

  private send(
    service: UpstreamName,
    method: string,
    path: string,
    headers: Record<string, string>,
    body: Buffer | undefined,
  ) {
    const { url, agent } = this.services[service];
    const request = url.protocol === 'https:' ? httpsRequest : httpRequest;
    return new Promise<{
      status: number;
      headers: Record<string, string | string[] | undefined>;
      text: string;
    }>((resolve, reject) => {
      const outgoing = request(
        {
          protocol: url.protocol,
          hostname: url.hostname,
          port: url.port,
          path: `${url.pathname.replace(/\/$/, '')}${path}`,
          method,
          headers,
          agent,
          timeout: TIMEOUT_MS,
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () =>
            resolve({
              status: response.statusCode ?? 0,
              headers: response.headers,
              text: Buffer.concat(chunks).toString('utf8'),
            }),
          );
          response.on('error', reject);
        },
      );
      outgoing.on('timeout', () => outgoing.destroy(new Error(`no answer within ${TIMEOUT_MS} ms`)));
      outgoing.on('error', reject);
      outgoing.end(body);
    });
  }
}
