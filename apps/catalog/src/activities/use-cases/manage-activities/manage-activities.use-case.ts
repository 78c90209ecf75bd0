import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { ACTIVITY_CREATED_V1, ACTIVITY_UPDATED_V1 } from '@respire/contracts';
import { Outbox } from '@respire/messaging';
import { Clock, CLOCK } from '@respire/platform';
import { CatalogDatabase } from '../../../common/catalog-database';
import { FieldProblems } from '../../../common/invalid-fields.error';
import { PublishedResources } from '../../../common/published-resources';
import { liveReference } from '../../../common/references';
import {
  activityEventData,
  ActivityFields,
  ActivityRepository,
  ActivityRow,
  NewActivityFields,
} from '../../infrastructure/activity.repository';

/**
 * Activities (a kind of workshop, run as sessions). Each creation and change is published whole
 * (catalog.activity.created / .updated): sessions show their activity's title and confidential
 * flag, and consumers holding sessions update them from it.
 */
@Injectable()
export class ManageActivitiesUseCase extends PublishedResources<
  ActivityRow,
  typeof ACTIVITY_CREATED_V1.schema,
  ActivityFields,
  NewActivityFields
> {
  constructor(
    db: CatalogDatabase,
    private readonly activities: ActivityRepository,
    outbox: Outbox,
    @Inject(CLOCK) clock: Clock,
  ) {
    super(
      {
        kind: 'activity',
        created: ACTIVITY_CREATED_V1,
        updated: ACTIVITY_UPDATED_V1,
        data: activityEventData,
      },
      db,
      activities,
      outbox,
      clock,
    );
  }

  create(tenantId: string, fields: NewActivityFields): Promise<ActivityRow> {
    return this.db.inTenant(tenantId, (manager) => this.createIn(manager, tenantId, fields));
  }

  /** Inside a caller's transaction (CSV import creates the activities it meets). */
  async createIn(manager: EntityManager, tenantId: string, fields: NewActivityFields): Promise<ActivityRow> {
    await this.checkReferences(manager, tenantId, fields);
    return this.insertPublished(manager, tenantId, fields);
  }

  update(tenantId: string, id: string, fields: ActivityFields): Promise<ActivityRow> {
    return this.updatePublished(tenantId, id, fields, (manager) =>
      this.checkReferences(manager, tenantId, fields),
    );
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
