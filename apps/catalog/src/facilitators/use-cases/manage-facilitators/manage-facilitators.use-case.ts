import { Inject, Injectable } from '@nestjs/common';
import { Clock, CLOCK } from '@respire/platform';
import { CatalogDatabase } from '../../../common/catalog-database';
import { ReferenceResources } from '../../../common/managed-resources';
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
export class ManageFacilitatorsUseCase extends ReferenceResources<FacilitatorRow, FacilitatorFields> {
  constructor(db: CatalogDatabase, facilitators: FacilitatorRepository, @Inject(CLOCK) clock: Clock) {
    super('facilitator', db, facilitators, clock);
  }
}
