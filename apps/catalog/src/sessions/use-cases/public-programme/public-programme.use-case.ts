import { Inject, Injectable } from '@nestjs/common';
import { Clock, CLOCK } from '@respire/platform';
import { CatalogDatabase, inTenantFoundBy } from '../../../common/catalog-database';
import { ResourceNotFoundError } from '../../../common/catalog-errors';
import { TenantRepository } from '../../../tenants/infrastructure/tenant.repository';
import { SessionStatus } from '../../domain/session';
import { SessionRepository, SessionView } from '../../infrastructure/session.repository';
import { tenantZone } from '../shared/tenant-zone';
import { periodEnd, periodStart } from '../read-sessions/period';

export interface PublicProgrammeQuery {
  from?: string;
  to?: string;
  category?: string;
  /** 'include': sessions cancelled after being published come too (a calendar feed marks them cancelled). */
  cancelled?: 'include';
}

const MAX_PUBLIC_SESSIONS = 1000;

/**
 * A CPTS's public programme: published sessions still to come by default; over an explicit
 * period, the sessions already held (completed) too, so a year's programme reads whole. Drafts
 * never show; cancelled sessions only when asked for (and only those people could have seen).
 * Places left come from the registration service's events. A slot of individual support that
 * someone took is not listed at all: nothing public tells that, or when, anyone has an appointment.
 */
@Injectable()
export class PublicProgrammeUseCase {
  constructor(
    private readonly db: CatalogDatabase,
    private readonly tenants: TenantRepository,
    private readonly sessions: SessionRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async list(slug: string, query: PublicProgrammeQuery): Promise<{ items: SessionView[]; now: Date }> {
    const now = this.clock.now();
    const found = await inTenantFoundBy(
      this.db,
      (manager) => this.tenants.idBySlug(manager, slug),
      async (manager, tenantId) => {
        const timezone = await tenantZone(manager, tenantId);
        const statuses: SessionStatus[] = query.from ? ['published', 'completed'] : ['published'];
        if (query.cancelled === 'include') statuses.push('cancelled');
        const { items } = await this.sessions.list(
          manager,
          { tenantId, onlyFacilitatorId: null },
          {
            from: periodStart(query.from, timezone) ?? now,
            to: periodEnd(query.to, timezone),
            statuses,
            category: query.category,
            limit: MAX_PUBLIC_SESSIONS,
            offset: 0,
            withoutTotal: true,
          },
        );
        return {
          items: items.filter((s) => (s.status !== 'cancelled' || s.publishedAt !== null) && !takenSlot(s)),
          now,
        };
      },
    );
    if (!found) throw new ResourceNotFoundError('tenant');
    return found;
  }

  async one(slug: string, sessionId: string): Promise<{ session: SessionView; now: Date }> {
    const found = await inTenantFoundBy(
      this.db,
      (manager) => this.tenants.idBySlug(manager, slug),
      async (manager, tenantId) => ({
        session: await this.sessions.view(manager, { tenantId, onlyFacilitatorId: null }, sessionId),
      }),
    );
    if (!found) throw new ResourceNotFoundError('tenant');
    const { session } = found;
    if (
      !session ||
      (session.status !== 'published' && session.status !== 'completed') ||
      takenSlot(session)
    ) {
      throw new ResourceNotFoundError('session');
    }
    return { session, now: this.clock.now() };
  }
}

function takenSlot(s: SessionView): boolean {
  return s.activity.individual && s.seatsTaken >= s.capacity;
}
