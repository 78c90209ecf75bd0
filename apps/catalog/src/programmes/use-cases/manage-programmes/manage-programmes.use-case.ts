import { Inject, Injectable } from '@nestjs/common';
import { PROGRAMME_CREATED_V1, PROGRAMME_UPDATED_V1 } from '@respire/contracts';
import { Outbox } from '@respire/messaging';
import { Clock, CLOCK } from '@respire/platform';
import { CatalogDatabase } from '../../../common/catalog-database';
import { InvalidFieldsError } from '../../../common/invalid-fields.error';
import { PublishedResources } from '../../../common/published-resources';
import { isoDate } from '../../../common/sql';
import {
  programmeEventData,
  ProgrammeFields,
  ProgrammeRepository,
  ProgrammeRow,
  NewProgrammeFields,
} from '../../infrastructure/programme.repository';

/**
 * Programmes (a set of activities over a period, often funded). Each creation and change is
 * published whole (catalog.programme.created / .updated) for reporting.
 */
@Injectable()
export class ManageProgrammesUseCase extends PublishedResources<
  ProgrammeRow,
  typeof PROGRAMME_CREATED_V1.schema,
  ProgrammeFields,
  NewProgrammeFields
> {
  constructor(
    db: CatalogDatabase,
    private readonly programmes: ProgrammeRepository,
    outbox: Outbox,
    @Inject(CLOCK) clock: Clock,
  ) {
    super(
      {
        kind: 'programme',
        created: PROGRAMME_CREATED_V1,
        updated: PROGRAMME_UPDATED_V1,
        data: programmeEventData,
      },
      db,
      programmes,
      outbox,
      clock,
    );
  }

  create(tenantId: string, fields: NewProgrammeFields): Promise<ProgrammeRow> {
    return this.db.inTenant(tenantId, (manager) => this.insertPublished(manager, tenantId, fields));
  }

  update(tenantId: string, id: string, fields: ProgrammeFields): Promise<ProgrammeRow> {
    return this.updatePublished(tenantId, id, fields, (_manager, current) => {
      const startsOn = fields.startsOn === undefined ? isoDate(current.starts_on) : fields.startsOn;
      const endsOn = fields.endsOn === undefined ? isoDate(current.ends_on) : fields.endsOn;
      if (startsOn && endsOn && endsOn < startsOn)
        throw InvalidFieldsError.single(['endsOn'], 'La fin de la période précède son début');
    });
  }

  list(tenantId: string, includeArchived: boolean): Promise<ProgrammeRow[]> {
    return this.db.inTenant(tenantId, (manager) => this.programmes.list(manager, tenantId, includeArchived));
  }
}
