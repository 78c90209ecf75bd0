import { Inject, Injectable } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import { PROGRAMME_CREATED_V1, PROGRAMME_UPDATED_V1 } from '@respire/contracts';
import { Outbox } from '@respire/messaging';
import { Clock, CLOCK } from '@respire/platform';
import { CatalogDatabase } from '../../../common/catalog-database';
import { ManagedResources } from '../../../common/managed-resources';
import { ResourceNotFoundError } from '../../../common/catalog-errors';
import { catalogEvent } from '../../../common/catalog-event';
import { InvalidFieldsError } from '../../../common/invalid-fields.error';
import { isoDate, lockRow } from '../../../common/sql';
import {
  programmeEventData,
  ProgrammeFields,
  ProgrammeRepository,
  ProgrammeRow,
} from '../../infrastructure/programme.repository';

/**
 * Programmes (a set of activities over a period, often funded). Each creation and change is
 * published whole (catalog.programme.created / .updated) for reporting.
 */
@Injectable()
export class ManageProgrammesUseCase extends ManagedResources<ProgrammeRow> {
  constructor(
    db: CatalogDatabase,
    private readonly programmes: ProgrammeRepository,
    private readonly outbox: Outbox,
    @Inject(CLOCK) clock: Clock,
  ) {
    super('programme', db, programmes, clock);
  }

  create(tenantId: string, fields: ProgrammeFields & { title: string }): Promise<ProgrammeRow> {
    return this.db.inTenant(tenantId, async (manager) => {
      const row = await this.programmes.insert(manager, tenantId, uuidv7(), fields, this.clock.now());
      await this.outbox.add(
        manager,
        catalogEvent(PROGRAMME_CREATED_V1, programmeEventData(row), { tenantId, subject: row.id }),
      );
      return row;
    });
  }

  /** The row is locked first: two changes commit — and publish — one after the other. */
  update(tenantId: string, id: string, fields: ProgrammeFields): Promise<ProgrammeRow> {
    return this.db.inTenant(tenantId, async (manager) => {
      const current = await lockRow(manager, 'programmes', { tenantId, id });
      if (!current) throw new ResourceNotFoundError('programme');
      const startsOn = fields.startsOn === undefined ? isoDate(current.starts_on) : fields.startsOn;
      const endsOn = fields.endsOn === undefined ? isoDate(current.ends_on) : fields.endsOn;
      if (startsOn && endsOn && endsOn < startsOn)
        throw InvalidFieldsError.single(['endsOn'], 'La fin de la période précède son début');
      const row = (await this.programmes.update(manager, tenantId, id, fields, this.clock.now()))!;
      if (JSON.stringify(programmeEventData(row)) !== JSON.stringify(programmeEventData(current))) {
        await this.outbox.add(
          manager,
          catalogEvent(PROGRAMME_UPDATED_V1, programmeEventData(row), { tenantId, subject: row.id }),
        );
      }
      return row;
    });
  }

  list(tenantId: string, includeArchived: boolean): Promise<ProgrammeRow[]> {
    return this.db.inTenant(tenantId, (manager) => this.programmes.list(manager, tenantId, includeArchived));
  }
}
