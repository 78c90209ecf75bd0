import { randomBytes } from 'node:crypto';
import Redis from 'ioredis';
import type { SlotStore } from './leased-rate-limiter';

export interface RateLimitDecision {
  allowed: boolean;
  /** Requests left in the current window after this one. */
  remaining: number;
  /** When refused: milliseconds until one more request would be allowed. */
  retryAfterMs: number;
}

/**
 * A sliding-window log in one Redis sorted set per client: at most `limit` requests in any
 * `windowMs`, exactly, whatever the number of API instances. A call takes up to `slots` of the
 * budget at once (LeasedRateLimiter), each slot a member at the same time. The script reads
 * Redis's own clock, so instances with skewed clocks agree. Refused requests are not counted.
 */
const SLIDING_WINDOW = `
local key = KEYS[1]
local limit = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
local member = ARGV[3]
local wanted = tonumber(ARGV[4])
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
redis.call('ZREMRANGEBYSCORE', key, '-inf', now - window)
local count = redis.call('ZCARD', key)
if count >= limit then
  local blocking = redis.call('ZRANGE', key, count - limit, count - limit, 'WITHSCORES')
  local retry = window
  if blocking[2] then retry = tonumber(blocking[2]) + window - now end
  return {0, 0, retry}
end
local granted = math.min(wanted, limit - count)
for i = 1, granted do redis.call('ZADD', key, now, member .. ':' .. i) end
redis.call('PEXPIRE', key, window)
return {granted, limit - count - granted, 0}
`;

type RedisWithRateLimit = Redis & {
  respireRateLimit(
    key: string,
    limit: number,
    windowMs: number,
    member: string,
    slots: number,
  ): Promise<[number, number, number]>;
};

export class RedisRateLimitStore implements SlotStore {
  private readonly redis: RedisWithRateLimit;

  constructor(redisUrl: string) {
    const redis = new Redis(redisUrl, {
      lazyConnect: true,
      // A rate limiter must never hold a request hostage: fail fast, the guard lets it through.
      maxRetriesPerRequest: 1,
      commandTimeout: 1000,
      connectTimeout: 2000,
    });
    redis.on('error', () => undefined); // reported through the failed commands
    redis.defineCommand('respireRateLimit', { numberOfKeys: 1, lua: SLIDING_WINDOW });
    this.redis = redis as RedisWithRateLimit;
  }

  async take(
    key: string,
    limit: number,
    windowMs: number,
    slots: number,
  ): Promise<RateLimitDecision & { granted: number }> {
    const member = `${Date.now()}-${randomBytes(6).toString('hex')}`;
    const [granted, remaining, retryAfterMs] = await this.redis.respireRateLimit(
      key,
      limit,
      windowMs,
      member,
      slots,
    );
    return {
      allowed: granted > 0,
      granted: Number(granted),
      remaining: Number(remaining),
      retryAfterMs: Number(retryAfterMs),
    };
  }

  async close(): Promise<void> {
    if (this.redis.status === 'end') return;
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}
