import { EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { Clock } from '@respire/platform';
import { archiveRow } from './archive';
import { CatalogDatabase } from './catalog-database';
import { ResourceNotFoundError } from './catalog-errors';

/** A tenant's rows of one kind: inserted, found, changed and listed by name. */
export interface ReferenceRepository<Row, Fields> {
  insert(
    manager: EntityManager,
    tenantId: string,
    id: string,
    fields: Required<Fields>,
    now: Date,
  ): Promise<Row>;
  find(manager: EntityManager, tenantId: string, id: string): Promise<Row | null>;
  update(
    manager: EntityManager,
    tenantId: string,
    id: string,
    fields: Fields,
    now: Date,
  ): Promise<Row | null>;
  list(manager: EntityManager, tenantId: string, includeArchived: boolean): Promise<Row[]>;
}

/**
 * What sessions refer to and that has no event of its own (venues, facilitators): created,
 * changed, archived, read and listed, each in the tenant's transaction; an unknown id is a 404.
 */
export abstract class ReferenceResources<Row extends { archived_at: Date | null }, Fields> {
  protected constructor(
    private readonly kind: 'venue' | 'facilitator',
    private readonly db: CatalogDatabase,
    private readonly rows: ReferenceRepository<Row, Fields>,
    private readonly clock: Clock,
  ) {}

  protected insertNew(tenantId: string, fields: Required<Fields>): Promise<Row> {
    return this.db.inTenant(tenantId, (manager) =>
      this.rows.insert(manager, tenantId, uuidv7(), fields, this.clock.now()),
    );
  }

  update(tenantId: string, id: string, fields: Fields): Promise<Row> {
    return this.db.inTenant(tenantId, async (manager) => {
      const row = await this.rows.update(manager, tenantId, id, fields, this.clock.now());
      if (!row) throw new ResourceNotFoundError(this.kind);
      return row;
    });
  }

  archive(tenantId: string, id: string): Promise<Row> {
    return this.db.inTenant(tenantId, (manager) =>
      archiveRow<Row>(manager, this.kind, { tenantId, id }, this.clock.now()),
    );
  }

  get(tenantId: string, id: string): Promise<Row> {
    return this.db.inTenant(tenantId, async (manager) => {
      const row = await this.rows.find(manager, tenantId, id);
      if (!row) throw new ResourceNotFoundError(this.kind);
      return row;
    });
  }

  list(tenantId: string, includeArchived: boolean): Promise<Row[]> {
    return this.db.inTenant(tenantId, (manager) => this.rows.list(manager, tenantId, includeArchived));
  }
}
