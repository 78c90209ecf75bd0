import {
  CanActivate,
  ExecutionContext,
  Inject,
  Injectable,
  OnApplicationShutdown,
  Optional,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { PlatformEnv } from '../../config/platform-env.schema';
import { PlatformLogger } from '../../logging/platform-logger';
import { MetricsService } from '../../metrics/metrics.service';
import { PLATFORM_CONFIG } from '../../platform.module';
import { proxyTrust, ProxyTrust } from '../trust-proxy';
import { clientAddress } from './client-address';
import { LeasedRateLimiter } from './leased-rate-limiter';
import { RedisRateLimitStore } from './rate-limit.store';
import { RateLimitedError } from './rate-limited.error';

export const RATE_LIMIT_OPTIONS = 'respire:rate-limit';

/** What the guard reads of the service's configuration (every service's env has these keys). */
export type RateLimitConfig = Pick<
  PlatformEnv,
  'PUBLIC_RATE_LIMIT' | 'TRUST_PROXY' | 'REDIS_URL' | 'REDIS_PREFIX'
>;
const WINDOW_MS = 60_000;

export interface RateLimitOptions {
  /** Requests that share a budget (default `public`: every rate-limited route of the service). */
  bucket?: string;
  /** Requests per minute for these routes, instead of PUBLIC_RATE_LIMIT (0 turns it off). */
  perMinute?: number;
}

interface RouteLimit {
  limit: number;
  bucket: string;
  keyPrefix: string;
}

/**
 * PUBLIC_RATE_LIMIT requests per minute per client on the routes marked @RateLimited(), counted
 * in Redis (under REDIS_PREFIX) so that every instance of the service shares the budget; a busy
 * client's requests take their slots in leases (LeasedRateLimiter), not one round trip each. The
 * client is the socket address, or the address the proxies named in TRUST_PROXY recorded in
 * X-Forwarded-For (never an entry a client wrote itself, see trust-proxy.ts).
 * Over the limit: 429 with Retry-After. If Redis cannot answer, the request goes through (a
 * public registration matters more than the limiter) and a warning is logged.
 */
@Injectable()
export class RateLimitGuard implements CanActivate, OnApplicationShutdown {
  private store: RedisRateLimitStore | null = null;
  private limiter: LeasedRateLimiter | null = null;
  private lastWarning = 0;
  private readonly refusalsLogged = new Map<string, number>();
  private readonly trust: ProxyTrust | false;
  private readonly routeLimits = new WeakMap<object, WeakMap<object, RouteLimit>>();

  constructor(
    private readonly reflector: Reflector,
    @Optional() @Inject(PLATFORM_CONFIG) private readonly config?: RateLimitConfig,
    @Optional() private readonly metrics?: MetricsService,
    @Optional() private readonly logger?: PlatformLogger,
  ) {
    this.trust = config ? proxyTrust(config.TRUST_PROXY) : false;
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http' || !this.config) return true;
    const { limit, bucket, keyPrefix } = this.routeLimit(context);
    if (!limit) return true;

    const http = context.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const client = clientAddress(request, this.trust);
    const key = `${keyPrefix}${client}`;

    let decision;
    try {
      decision = await this.limiterFor(this.config.REDIS_URL).hit(key, limit, WINDOW_MS);
    } catch (error) {
      this.warn(error as Error);
      return true;
    }
    void reply.header('RateLimit-Limit', String(limit));
    void reply.header('RateLimit-Remaining', String(decision.remaining));
    if (decision.allowed) return true;

    const retryAfterSeconds = Math.max(1, Math.ceil(decision.retryAfterMs / 1000));
    void reply.header('Retry-After', String(retryAfterSeconds));
    this.metrics
      ?.counter({
        name: 'respire_http_rate_limited_total',
        help: 'Requests refused with 429 by the public rate limiter',
        labelNames: ['bucket'],
      })
      .inc({ bucket });
    this.logRefusal(bucket, client);
    throw new RateLimitedError(retryAfterSeconds);
  }

  /** A route's limit, bucket and key prefix: read once per route (its decorators do not change). */
  private routeLimit(context: ExecutionContext): RouteLimit {
    const handler = context.getHandler();
    const type = context.getClass();
    let byHandler = this.routeLimits.get(type);
    if (!byHandler) {
      byHandler = new WeakMap();
      this.routeLimits.set(type, byHandler);
    }
    let route = byHandler.get(handler);
    if (!route) {
      const options =
        this.reflector.getAllAndOverride<RateLimitOptions | undefined>(RATE_LIMIT_OPTIONS, [handler, type]) ??
        {};
      const bucket = options.bucket ?? 'public';
      route = {
        limit: options.perMinute ?? this.config!.PUBLIC_RATE_LIMIT,
        bucket,
        keyPrefix: `${this.config!.REDIS_PREFIX}:rate-limit:${bucket}:`,
      };
      byHandler.set(handler, route);
    }
    return route;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.store?.close();
    this.store = null;
    this.limiter = null;
  }

  private limiterFor(redisUrl: string): LeasedRateLimiter {
    if (!this.limiter) {
      this.store = new RedisRateLimitStore(redisUrl);
      this.limiter = new LeasedRateLimiter(this.store);
    }
    return this.limiter;
  }

  /** One line per client and bucket per window, however many requests it keeps sending. */
  private logRefusal(bucket: string, client: string): void {
    const now = Date.now();
    const key = `${bucket} ${client}`;
    if (now - (this.refusalsLogged.get(key) ?? 0) < WINDOW_MS) return;
    if (this.refusalsLogged.size >= 10_000) this.refusalsLogged.clear();
    this.refusalsLogged.set(key, now);
    this.logger?.warn({ msg: 'rate limit reached', bucket, client }, 'RateLimit');
  }

  private warn(error: Error): void {
    if (Date.now() - this.lastWarning < 60_000) return;
    this.lastWarning = Date.now();
    this.logger?.warn(
      `rate limiter unavailable, letting public requests through: ${error.message}`,
      'RateLimit',
    );
  }
}
