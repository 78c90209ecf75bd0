import { DynamicModule, RequestMethod, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyInstance } from 'fastify';
import { installRequestContext } from '../context/request-context.hooks';
import { PlatformLogger } from '../logging/platform-logger';
import { installHttpMetrics } from '../metrics/http-metrics.hook';
import { MetricsService } from '../metrics/metrics.service';
import { setupOpenApi } from './open-api';
import { proxyTrust, TrustProxy } from './trust-proxy';

export const API_PREFIX = 'v1';

export interface HttpAppOptions {
  /** Names the API in OpenAPI; the module's PlatformModule.forRoot names the logs and metrics. */
  service: string;
  /** When set (0 picks a free port), the app starts listening before it is returned. */
  port?: number;
  host?: string;
  /** The proxies whose X-Forwarded-For is believed (TRUST_PROXY); none by default. */
  trustProxy?: TrustProxy;
  /**
   * `api` (default): routes under /v1, OpenAPI at /docs. `pages`: the web app, whose routes are
   * its own paths (it proxies /v1 itself) and which has no API of its own to document.
   */
  kind?: 'api' | 'pages';
  /** Runs before the app listens: Fastify plugins and routes outside Nest's controllers. */
  configure?: (app: NestFastifyApplication) => Promise<void>;
}

/**
 * A Fastify Nest app with the platform's plumbing: JSON logs, request context, HTTP metrics,
 * routes under /v1 except /health/* and /metrics, OpenAPI at /docs, graceful shutdown.
 * `rootModule` must import PlatformModule.forRoot().
 */
export async function createHttpApp(
  rootModule: Type<unknown> | DynamicModule,
  options: HttpAppOptions,
): Promise<NestFastifyApplication> {
  // A function, not Fastify's own forms: their meaning changed between Fastify releases (a hop
  // count trusts nothing since 5.12), and the rate limiter walks the chain with this same function.
  const adapter = new FastifyAdapter({ trustProxy: proxyTrust(options.trustProxy ?? { kind: 'none' }) });
  const app = await NestFactory.create<NestFastifyApplication>(rootModule, adapter, {
    bufferLogs: true,
    abortOnError: false,
  });
  try {
    const logger = app.get(PlatformLogger);
    app.useLogger(logger);
    // Typed with the root `fastify` package; at runtime this is the copy Nest pins, same API.
    const fastify = adapter.getInstance<FastifyInstance>();
    installRequestContext(fastify, logger);
    installHttpMetrics(fastify, app.get(MetricsService));
    if (options.kind !== 'pages') {
      app.setGlobalPrefix(API_PREFIX, {
        exclude: [
          { path: 'health/live', method: RequestMethod.GET },
          { path: 'health/ready', method: RequestMethod.GET },
          { path: 'metrics', method: RequestMethod.GET },
          // Discovery documents live where OIDC clients look for them (the identity service).
          { path: '.well-known/{*path}', method: RequestMethod.GET },
        ],
      });
      setupOpenApi(app, options.service);
    }
    await options.configure?.(app);
    // Nest closes the app on SIGTERM: Fastify stops accepting connections and lets in-flight requests finish.
    app.enableShutdownHooks(['SIGTERM', 'SIGINT']);
    if (options.port !== undefined) await app.listen(options.port, options.host ?? '0.0.0.0');
    return app;
  } catch (error) {
    await app.close().catch(() => undefined);
    throw error;
  }
}
