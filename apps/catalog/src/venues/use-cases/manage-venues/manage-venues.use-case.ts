import { Inject, Injectable } from '@nestjs/common';
import { Clock, CLOCK } from '@respire/platform';
import { CatalogDatabase } from '../../../common/catalog-database';
import { ReferenceResources } from '../../../common/managed-resources';
import { VenueFields, VenueRepository, VenueRow } from '../../infrastructure/venue.repository';

/**
 * Venues: where sessions take place. No event of their own — sessions carry their venue (name and
 * address) in every event that needs it. Names are unique among a tenant's live venues (409).
 */
@Injectable()
export class ManageVenuesUseCase extends ReferenceResources<VenueRow, VenueFields> {
  constructor(db: CatalogDatabase, venues: VenueRepository, @Inject(CLOCK) clock: Clock) {
    super('venue', db, venues, clock);
  }
}
