import { RateLimitDecision } from './rate-limit.store';

/** Where the slots are counted for every instance (Redis): takes up to `slots` of a client's budget at once. */
export interface SlotStore {
  take(
    key: string,
    limit: number,
    windowMs: number,
    slots: number,
  ): Promise<RateLimitDecision & { granted: number }>;
}

/** A lease is spent within this time or not at all: its slots were counted at the moment it was taken. */
export const LEASE_MS = 1000;
/** The most slots one lease takes; a tenth of the limit at most. */
export const MAX_LEASE = 256;

interface Lease {
  left: number;
  size: number;
  expiresAt: number;
  remaining: number;
}

/**
 * The per-client limit, counted in Redis for every instance, without a Redis round trip for every
 * request of a busy client. The first request of a client takes one slot; when a client has spent
 * its lease within LEASE_MS and asks again, the next lease is twice as large (up to a tenth of
 * the limit, MAX_LEASE at most), and its slots are then spent here, locally. A client that sends
 * a request every few seconds (a person browsing) only ever takes leases of one: counted exactly,
 * as before. For a busy one, the count is exact within one lease: slots taken but not spent
 * within LEASE_MS still count against it (it may be refused up to one lease early per instance),
 * and slots spent late are counted up to a second early (it may pass one lease late). Concurrent
 * requests of one client share one round trip.
 */
export class LeasedRateLimiter {
  private readonly leases = new Map<string, Lease>();
  private readonly pending = new Map<string, Promise<RateLimitDecision>>();

  constructor(
    private readonly store: SlotStore,
    private readonly now: () => number = Date.now,
    private readonly maxClients = 10_000,
  ) {}

  async hit(key: string, limit: number, windowMs: number): Promise<RateLimitDecision> {
    const lease = this.leases.get(key);
    if (lease && lease.left > 0 && lease.expiresAt > this.now()) {
      lease.left -= 1;
      return { allowed: true, remaining: lease.remaining, retryAfterMs: 0 };
    }
    const pending = this.pending.get(key);
    if (pending) {
      const decision = await pending;
      return decision.allowed ? this.hit(key, limit, windowMs) : decision;
    }
    const taking = this.take(key, limit, windowMs, lease).finally(() => this.pending.delete(key));
    this.pending.set(key, taking);
    return taking;
  }

  private async take(
    key: string,
    limit: number,
    windowMs: number,
    last: Lease | undefined,
  ): Promise<RateLimitDecision> {
    const spentInTime = last !== undefined && last.expiresAt > this.now();
    const size = spentInTime
      ? Math.min(last.size * 2, Math.max(1, Math.min(MAX_LEASE, Math.floor(limit / 10))))
      : 1;
    const decision = await this.store.take(key, limit, windowMs, size);
    if (decision.granted > 0) {
      // The request that asked spends the first slot.
      this.remember(key, {
        left: decision.granted - 1,
        size,
        expiresAt: this.now() + LEASE_MS,
        remaining: decision.remaining,
      });
    }
    return {
      allowed: decision.granted > 0,
      remaining: decision.remaining,
      retryAfterMs: decision.retryAfterMs,
    };
  }

  private remember(key: string, lease: Lease): void {
    this.leases.delete(key);
    if (this.leases.size >= this.maxClients) this.leases.delete(this.leases.keys().next().value!);
    this.leases.set(key, lease);
  }
}
