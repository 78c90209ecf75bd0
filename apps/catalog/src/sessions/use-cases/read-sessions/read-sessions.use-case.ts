import { Injectable } from '@nestjs/common';
import { CatalogDatabase } from '../../../common/catalog-database';
import { ResourceNotFoundError } from '../../../common/catalog-errors';
import { SessionViewer } from '../../../common/principal';
import { SessionStatus } from '../../domain/session';
import { SessionRepository, SessionView } from '../../infrastructure/session.repository';
import { tenantZone } from '../shared/tenant-zone';
import { periodEnd, periodStart } from './period';

export interface ListSessionsQuery {
  from?: string;
  to?: string;
  status?: SessionStatus[];
  activityId?: string;
  programmeId?: string;
  category?: string;
  limit: number;
  offset: number;
}

/** The back office's view of sessions: a coordinator's whole tenant, a facilitator's own sessions. */
@Injectable()
export class ReadSessionsUseCase {
  constructor(
    private readonly db: CatalogDatabase,
    private readonly sessions: SessionRepository,
  ) {}

  async one(viewer: SessionViewer, id: string): Promise<SessionView> {
    return this.db.inTenant(viewer.tenantId, async (manager) => {
      const session = await this.sessions.view(manager, viewer, id);
      if (!session) throw new ResourceNotFoundError('session');
      return session;
    });
  }

  async list(
    viewer: SessionViewer,
    query: ListSessionsQuery,
  ): Promise<{ items: SessionView[]; total: number }> {
    return this.db.inTenant(viewer.tenantId, async (manager) => {
      const timezone = await tenantZone(manager, viewer.tenantId);
      return this.sessions.list(manager, viewer, {
        from: periodStart(query.from, timezone),
        to: periodEnd(query.to, timezone),
        statuses: query.status,
        activityId: query.activityId,
        programmeId: query.programmeId,
        category: query.category,
        limit: query.limit,
        offset: query.offset,
      });
    });
  }
}
