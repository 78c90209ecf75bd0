import { Inject, Injectable } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import { Clock, CLOCK } from '@respire/platform';
import { archiveRow } from '../../../common/archive';
import { CatalogDatabase } from '../../../common/catalog-database';
import { ResourceNotFoundError } from '../../../common/catalog-errors';
import { VenueFields, VenueRepository, VenueRow } from '../../infrastructure/venue.repository';

/**
 * Venues: where sessions take place. No event of their own — sessions carry their venue (name and
 * address) in every event that needs it. Names are unique among a tenant's live venues (409).
 */
@Injectable()
export class ManageVenuesUseCase {
  constructor(
    private readonly db: CatalogDatabase,
    private readonly venues: VenueRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  create(tenantId: string, fields: VenueFields & { name: string }): Promise<VenueRow> {
    return this.db.inTenant(tenantId, (manager) =>
      this.venues.insert(
        manager,
        tenantId,
        uuidv7(),
        { name: fields.name, address: fields.address ?? null, notes: fields.notes ?? null },
        this.clock.now(),
      ),
    );
  }

  update(tenantId: string, id: string, fields: VenueFields): Promise<VenueRow> {
    return this.db.inTenant(tenantId, async (manager) => {
      const row = await this.venues.update(manager, tenantId, id, fields, this.clock.now());
      if (!row) throw new ResourceNotFoundError('venue');
      return row;
    });
  }

  archive(tenantId: string, id: string): Promise<VenueRow> {
    return this.db.inTenant(tenantId, (manager) =>
      archiveRow<VenueRow>(manager, 'venue', { tenantId, id }, this.clock.now()),
    );
  }

  get(tenantId: string, id: string): Promise<VenueRow> {
    return this.db.inTenant(tenantId, async (manager) => {
      const row = await this.venues.find(manager, tenantId, id);
      if (!row) throw new ResourceNotFoundError('venue');
      return row;
    });
  }

  list(tenantId: string, includeArchived: boolean): Promise<VenueRow[]> {
    return this.db.inTenant(tenantId, (manager) => this.venues.list(manager, tenantId, includeArchived));
  }
}
