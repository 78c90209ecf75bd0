import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { retryTransient } from '@respire/platform';
import { TRANSACTION_RETRY_BUDGET_MS } from '@respire/tenancy';
import { SessionCopy } from '../../../sessions/domain/session-copy';
import { TenantPolicy } from '../../../tenants/domain/tenant-policy';
import { SessionRepository } from '../../../sessions/infrastructure/session.repository';
import { TenantDirectoryRepository } from '../../../tenants/infrastructure/tenant-directory.repository';

/** How long a tenant or session read for a registration is reused. */
export const CONTEXT_TTL_MS = 2_000;
const MAX_ENTRIES = 10_000;

interface Entry<T> {
  value: T;
  until: number;
}

/**
 * What a registration validates before the write, read at most every CONTEXT_TTL_MS per tenant
 * and session: on a hot session (a mailing just went out) every registrant needs the same rows.
 * A reused session copy is safe: register_newcomer checks its version under the lock, and a
 * changed session is read again (`fresh`) and re-validated. A reused tenant (slug → id, policy)
 * is at most CONTEXT_TTL_MS old; a registration does not depend on the policy.
 */
@Injectable()
export class RegistrationContext {
  private readonly tenants = new Map<string, Entry<TenantPolicy>>();
  private readonly sessions = new Map<string, Entry<SessionCopy>>();
  private readonly reading = new Map<string, Promise<unknown>>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly directory: TenantDirectoryRepository,
    private readonly sessionRepository: SessionRepository,
  ) {}

  /** The tenant of a slug, or of an id (with its policy); null when unknown. */
  tenant(tenant: { slug: string } | { tenantId: string }): Promise<TenantPolicy | null> {
    const key = 'slug' in tenant ? `slug:${tenant.slug}` : `id:${tenant.tenantId}`;
    return this.cached(this.tenants, key, () =>
      retryTransient(
        () =>
          'slug' in tenant
            ? this.directory.findBySlug(this.dataSource.manager, tenant.slug)
            : this.directory.policy(this.dataSource.manager, tenant.tenantId),
        { budgetMs: TRANSACTION_RETRY_BUDGET_MS },
      ),
    );
  }

  /** The session as recently read; null when unknown. */
  session(tenantId: string, sessionId: string): Promise<SessionCopy | null> {
    return this.cached(this.sessions, `${tenantId}/${sessionId}`, () => this.read(tenantId, sessionId));
  }

  /** The session as it is now (the copy used was older than the row). */
  async fresh(tenantId: string, sessionId: string): Promise<SessionCopy | null> {
    const key = `${tenantId}/${sessionId}`;
    this.sessions.delete(key);
    // Not a read already in flight: it may have started before the change.
    const session = await this.read(tenantId, sessionId);
    if (session) this.sessions.set(key, { value: session, until: Date.now() + CONTEXT_TTL_MS });
    return session;
  }

  private read(tenantId: string, sessionId: string): Promise<SessionCopy | null> {
    return retryTransient(
      () => this.sessionRepository.findAlone(this.dataSource.manager, tenantId, sessionId),
      {
        budgetMs: TRANSACTION_RETRY_BUDGET_MS,
      },
    );
  }

  /**
   * One read per key at a time: the registrants arriving while it runs share it. A fresh entry is
   * answered without another async step (every registration asks twice).
   */
  private cached<T>(
    entries: Map<string, Entry<T>>,
    key: string,
    read: () => Promise<T | null>,
  ): Promise<T | null> {
    // Wall-clock time, not the service's CLOCK: this is how old a read is, not a business instant.
    const now = Date.now();
    const entry = entries.get(key);
    if (entry && entry.until > now) return Promise.resolve(entry.value);
    const pending = this.reading.get(key) as Promise<T | null> | undefined;
    if (pending) return pending;
    const reading = read()
      .then((value) => {
        if (entries.size >= MAX_ENTRIES) entries.clear();
        if (value) entries.set(key, { value, until: now + CONTEXT_TTL_MS });
        else entries.delete(key);
        return value;
      })
      .finally(() => this.reading.delete(key));
    this.reading.set(key, reading);
    return reading;
  }
}
