import { Inject, Injectable } from '@nestjs/common';
import { CORRELATION_ID_HEADER, RequestContext } from '@respire/platform';
import { UpstreamName, upstreamUrls, WEB_CONFIG, WebEnv } from '../config/env.schema';

/** A service's JSON answer: its status and body (`{error, message, fields?}` when refused). */
export interface UpstreamAnswer<T = unknown> {
  status: number;
  body: T;
}

/** The service could not answer (down, timed out, 5xx): the page says so, with a 503. */
export class UpstreamUnavailableError extends Error {
  constructor(readonly service: UpstreamName, cause: string) {
    super(`${service} unavailable: ${cause}`);
  }
}

/** Who the request is for: the page's client, whose address the services count against their rate limits. */
export interface OnBehalfOf {
  clientAddress: string;
}

const TIMEOUT_MS = 5000;

/**
 * JSON calls from the pages to the services' public routes, with the request's correlation id
 * and the client's address (X-Forwarded-For: the web app is the proxy the services trust, so
 * each client keeps its own rate-limit budget). 4xx answers are returned to the caller, which
 * knows what they mean for its page; anything else is UpstreamUnavailableError.
 */
@Injectable()
export class UpstreamClient {
  private readonly urls: Record<UpstreamName, string>;

  constructor(@Inject(WEB_CONFIG) config: WebEnv) {
    this.urls = upstreamUrls(config);
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
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    let response: Response;
    try {
      response = await fetch(`${this.urls[service]}${path}`, {
        method,
        headers,
        body: options.body === undefined ? undefined : JSON.stringify(options.body),
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
    } catch (error) {
      throw new UpstreamUnavailableError(service, (error as Error).message);
    }
    if (response.status >= 500 || response.status === 429) {
      // 429: the client is over the service's limit; the page answers as the service would.
      if (response.status === 429) throw new TooManyRequestsError(Number(response.headers.get('retry-after') ?? 60));
      throw new UpstreamUnavailableError(service, `HTTP ${response.status}`);
    }
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : null) as T };
  }
}

export class TooManyRequestsError extends Error {
  constructor(readonly retryAfterSeconds: number) {
    super('too many requests');
  }
}
