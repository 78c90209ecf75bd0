import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { Dispatcher, Pool } from 'undici';
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
 * service, an undici pool per service: no connection set-up per page, and less work per call
 * than a node:http request through a keep-alive agent (a page that calls a service pays it on
 * every view). 4xx answers are returned to the caller, which knows what they mean for its page;
 * anything else is UpstreamUnavailableError.
 */
@Injectable()
export class UpstreamClient implements OnApplicationShutdown {
  private readonly services: Record<UpstreamName, { basePath: string; pool: Pool }>;

  constructor(@Inject(WEB_CONFIG) config: WebEnv) {
    const urls = upstreamUrls(config);
    this.services = Object.fromEntries(
      Object.entries(urls).map(([name, base]) => {
        const url = new URL(base);
        const pool = new Pool(url.origin, {
          connections: SOCKETS_PER_SERVICE,
          headersTimeout: TIMEOUT_MS,
          bodyTimeout: TIMEOUT_MS,
        });
        return [name, { basePath: url.pathname.replace(/\/$/, ''), pool }];
      }),
    ) as Record<UpstreamName, { basePath: string; pool: Pool }>;
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
    let answer: RawAnswer;
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

  async onApplicationShutdown(): Promise<void> {
    await Promise.all(Object.values(this.services).map(({ pool }) => pool.destroy()));
  }

  private send(
    service: UpstreamName,
    method: 'GET' | 'POST' | 'PUT',
    path: string,
    headers: Record<string, string>,
    body: Buffer | undefined,
  ): Promise<RawAnswer> {
    const { basePath, pool } = this.services[service];
    return new Promise((resolve, reject) => {
      try {
        pool.dispatch(
          { path: `${basePath}${path}`, method, headers, body },
          new AnswerCollector(resolve, reject),
        );
      } catch (error) {
        reject(error as Error);
      }
    });
  }
}

interface RawAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

/**
 * Collects an answer of a few hundred bytes as it arrives (undici's dispatch handler): no
 * readable stream per call, as `pool.request` makes, for a body read whole at once anyway.
 */
class AnswerCollector implements Dispatcher.DispatchHandler {
  private status = 0;
  private headers: Record<string, string | string[] | undefined> = {};
  private readonly chunks: Buffer[] = [];

  constructor(
    private readonly resolve: (answer: RawAnswer) => void,
    private readonly reject: (error: Error) => void,
  ) {}

  /** Present, though empty: undici tells this handler API from its older one by this method. */
  onRequestStart(): void {}

  onResponseStart(
    _controller: Dispatcher.DispatchController,
    statusCode: number,
    headers: Record<string, string | string[] | undefined>,
  ): void {
    this.status = statusCode;
    this.headers = headers;
  }

  onResponseData(_controller: Dispatcher.DispatchController, chunk: Buffer): void {
    this.chunks.push(chunk);
  }

  onResponseEnd(): void {
    const text =
      this.chunks.length === 1
        ? this.chunks[0].toString('utf8')
        : Buffer.concat(this.chunks).toString('utf8');
    this.resolve({ status: this.status, headers: this.headers, text });
  }

  onResponseError(_controller: Dispatcher.DispatchController, error: Error): void {
    this.reject(error);
  }
}
