import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { ACTIVITY_CREATED_V1, ACTIVITY_UPDATED_V1 } from '@respire/contracts';
import { Outbox } from '@respire/messaging';
import { Clock, CLOCK } from '@respire/platform';
import { CatalogDatabase } from '../../../common/catalog-database';
import { ManagedResources } from '../../../common/managed-resources';
import { ResourceNotFoundError } from '../../../common/catalog-errors';
import { catalogEvent } from '../../../common/catalog-event';
import { FieldProblems } from '../../../common/invalid-fields.error';
import { liveReference } from '../../../common/references';
import { lockRow } from '../../../common/sql';
import {
  activityEventData,
  ActivityFields,
  ActivityRepository,
  ActivityRow,
} from '../../infrastructure/activity.repository';

/**
 * Activities (a kind of workshop, run as sessions). Each creation and change is published whole
 * (catalog.activity.created / .updated): sessions show their activity's title and confidential
 * flag, and consumers holding sessions update them from it.
 */
@Injectable()
export class ManageActivitiesUseCase extends ManagedResources<ActivityRow> {
  constructor(
    db: CatalogDatabase,
    private readonly activities: ActivityRepository,
    private readonly outbox: Outbox,
    @Inject(CLOCK) clock: Clock,
  ) {
    super('activity', db, activities, clock);
  }

  create(
    tenantId: string,
    fields: ActivityFields & { title: string; category: string },
  ): Promise<ActivityRow> {
    return this.db.inTenant(tenantId, (manager) => this.createIn(manager, tenantId, fields));
  }

  /** Inside a caller's transaction (CSV import creates the activities it meets). */
  async createIn(
    manager: EntityManager,
    tenantId: string,
    fields: ActivityFields & { title: string; category: string },
  ): Promise<ActivityRow> {
    await this.checkReferences(manager, tenantId, fields);
    const row = await this.activities.insert(manager, tenantId, uuidv7(), fields, this.clock.now());
    await this.outbox.add(
      manager,
      catalogEvent(ACTIVITY_CREATED_V1, activityEventData(row), { tenantId, subject: row.id }),
    );
    return row;
  }

  /** The row is locked first: two changes commit — and publish — one after the other. */
  update(tenantId: string, id: string, fields: ActivityFields): Promise<ActivityRow> {
    return this.db.inTenant(tenantId, async (manager) => {
      const current = await lockRow(manager, 'activities', { tenantId, id });
      if (!current) throw new ResourceNotFoundError('activity');
      await this.checkReferences(manager, tenantId, fields);
      const row = (await this.activities.update(manager, tenantId, id, fields, this.clock.now()))!;
      if (JSON.stringify(activityEventData(row)) !== JSON.stringify(activityEventData(current))) {
        await this.outbox.add(
          manager,
          catalogEvent(ACTIVITY_UPDATED_V1, activityEventData(row), { tenantId, subject: row.id }),
        );
      }
      return row;
    });
  }

  list(
    tenantId: string,
    filter: { includeArchived: boolean; programmeId?: string; category?: string },
  ): Promise<ActivityRow[]> {
    return this.db.inTenant(tenantId, (manager) => this.activities.list(manager, tenantId, filter));
  }

  private async checkReferences(
    manager: EntityManager,
    tenantId: string,
    fields: ActivityFields,
  ): Promise<void> {
    const problems = new FieldProblems();
    if (fields.programmeId)
      await liveReference(manager, 'programme', tenantId, fields.programmeId, problems, ['programmeId']);
    if (fields.venueId)
      await liveReference(manager, 'venue', tenantId, fields.venueId, problems, ['venueId']);
    if (fields.facilitatorId) {
      await liveReference(manager, 'facilitator', tenantId, fields.facilitatorId, problems, [
        'facilitatorId',
      ]);
    }
    problems.throwIfAny();
  }
}
