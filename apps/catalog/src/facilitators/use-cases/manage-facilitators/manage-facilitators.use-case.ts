import { Inject, Injectable } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import { Clock, CLOCK } from '@respire/platform';
import { archiveRow } from '../../../common/archive';
import { CatalogDatabase } from '../../../common/catalog-database';
import { ResourceNotFoundError } from '../../../common/catalog-errors';
import {
  FacilitatorFields,
  FacilitatorRepository,
  FacilitatorRow,
} from '../../infrastructure/facilitator.repository';

/**
 * Facilitators (intervenants): who leads sessions. A facilitator's token carries their id
 * (`facilitator_id`); they then see the sessions they lead, and only those.
 */
@Injectable()
export class ManageFacilitatorsUseCase {
  constructor(
    private readonly db: CatalogDatabase,
    private readonly facilitators: FacilitatorRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  create(tenantId: string, fields: FacilitatorFields & { name: string }): Promise<FacilitatorRow> {
    return this.db.inTenant(tenantId, (manager) =>
      this.facilitators.insert(
        manager,
        tenantId,
        uuidv7(),
        {
          name: fields.name,
          email: fields.email ?? null,
          phone: fields.phone ?? null,
          bio: fields.bio ?? null,
        },
        this.clock.now(),
      ),
    );
  }

  update(tenantId: string, id: string, fields: FacilitatorFields): Promise<FacilitatorRow> {
    return this.db.inTenant(tenantId, async (manager) => {
      const row = await this.facilitators.update(manager, tenantId, id, fields, this.clock.now());
      if (!row) throw new ResourceNotFoundError('facilitator');
      return row;
    });
  }

  archive(tenantId: string, id: string): Promise<FacilitatorRow> {
    return this.db.inTenant(tenantId, (manager) =>
      archiveRow<FacilitatorRow>(manager, 'facilitator', { tenantId, id }, this.clock.now()),
    );
  }

  get(tenantId: string, id: string): Promise<FacilitatorRow> {
    return this.db.inTenant(tenantId, async (manager) => {
      const row = await this.facilitators.find(manager, tenantId, id);
      if (!row) throw new ResourceNotFoundError('facilitator');
      return row;
    });
  }

  list(tenantId: string, includeArchived: boolean): Promise<FacilitatorRow[]> {
    return this.db.inTenant(tenantId, (manager) =>
      this.facilitators.list(manager, tenantId, includeArchived),
    );
  }
}
