import { Inject, Injectable } from '@nestjs/common';
import { Clock, CLOCK } from '../../../clock/clock';
import { CatalogDatabase } from '../../../common/catalog-database';
import { ResourceNotFoundError } from '../../../common/catalog-errors';
import { TenantRepository } from '../../../tenants/infrastructure/tenant.repository';
import { SessionRepository, SessionView } from '../../infrastructure/session.repository';
import { tenantZone } from '../shared/tenant-zone';
import { periodEnd, periodStart } from '../read-sessions/period';

export interface PublicProgrammeQuery {
  from?: string;
  to?: string;
  category?: string;
}

const MAX_PUBLIC_SESSIONS = 1000;

/**
 * A CPTS's public programme: published sessions still to come by default; over an explicit
 * period, the sessions already held (completed) too, so a year's programme reads whole. Drafts
 * and cancelled sessions never show. Places left come from the registration service's events.
 */
@Injectable()
export class PublicProgrammeUseCase {
  constructor(
    private readonly db: CatalogDatabase,
    private readonly tenants: TenantRepository,
    private readonly sessions: SessionRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async tenantIdOf(slug: string): Promise<string> {
    const tenantId = await this.db.dataSource.transaction((manager) => this.tenants.idBySlug(manager, slug));
    if (!tenantId) throw new ResourceNotFoundError('tenant');
    return tenantId;
  }

  async list(slug: string, query: PublicProgrammeQuery): Promise<{ items: SessionView[]; now: Date }> {
    const tenantId = await this.tenantIdOf(slug);
    const now = this.clock.now();
    return this.db.inTenant(tenantId, async (manager) => {
      const timezone = await tenantZone(manager, tenantId);
      const from = periodStart(query.from, timezone) ?? now;
      const { items } = await this.sessions.list(
        manager,
        { tenantId, onlyFacilitatorId: null },
        {
          from,
          to: periodEnd(query.to, timezone),
          statuses: query.from ? ['published', 'completed'] : ['published'],
          category: query.category,
          limit: MAX_PUBLIC_SESSIONS,
          offset: 0,
        },
      );
      return { items, now };
    });
  }

  async one(slug: string, sessionId: string): Promise<{ session: SessionView; now: Date }> {
    const tenantId = await this.tenantIdOf(slug);
    return this.db.inTenant(tenantId, async (manager) => {
      const session = await this.sessions.view(manager, { tenantId, onlyFacilitatorId: null }, sessionId);
      if (!session || (session.status !== 'published' && session.status !== 'completed')) {
        throw new ResourceNotFoundError('session');
      }
      return { session, now: this.clock.now() };
    });
  }
}
