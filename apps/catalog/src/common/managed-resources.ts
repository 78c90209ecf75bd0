import { EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { Clock } from '@respire/platform';
import { archiveRow } from './archive';
import { CatalogDatabase } from './catalog-database';
import { ResourceNotFoundError } from './catalog-errors';
import { NamedReferenceRows } from './resource-rows';

/** A tenant's rows of one kind: found by id. */
export interface ManagedRepository<Row> {
  find(manager: EntityManager, tenantId: string, id: string): Promise<Row | null>;
}

/** The arguments of a `NamedReferenceRows` call. */
type Calls<Fields, M extends 'insert' | 'update' | 'list'> = Parameters<
  NamedReferenceRows<'venues' | 'facilitators', Fields>[M]
>;

/** A tenant's rows of one kind: also inserted, changed and listed by name, as `NamedReferenceRows` does. */
export interface ReferenceRepository<Row, Fields> extends ManagedRepository<Row> {
  insert(...args: Calls<Fields, 'insert'>): Promise<Row>;
  update(...args: Calls<Fields, 'update'>): Promise<Row | null>;
  list(...args: Calls<Fields, 'list'>): Promise<Row[]>;
}

/**
 * What a coordinator manages and archives rather than deletes (programmes, activities, venues,
 * facilitators): read and archived in the tenant's transaction; an unknown id is a 404.
 */
export abstract class ManagedResources<Row extends { archived_at: Date | null }> {
  protected constructor(
    protected readonly kind: 'programme' | 'activity' | 'venue' | 'facilitator',
    protected readonly db: CatalogDatabase,
    private readonly found: ManagedRepository<Row>,
    protected readonly clock: Clock,
  ) {}

  archive(tenantId: string, id: string): Promise<Row> {
    return this.db.inTenant(tenantId, (manager) =>
      archiveRow<Row>(manager, this.kind, { tenantId, id }, this.clock.now()),
    );
  }

  get(tenantId: string, id: string): Promise<Row> {
    return this.db.inTenant(tenantId, async (manager) => {
      const row = await this.found.find(manager, tenantId, id);
      if (!row) throw new ResourceNotFoundError(this.kind);
      return row;
    });
  }
}

/**
 * What sessions refer to and that has no event of its own (venues, facilitators): also created,
 * changed and listed by name, each in the tenant's transaction.
 */
export abstract class ReferenceResources<
  Row extends { archived_at: Date | null },
  Fields,
> extends ManagedResources<Row> {
  protected constructor(
    kind: 'venue' | 'facilitator',
    db: CatalogDatabase,
    private readonly rows: ReferenceRepository<Row, Fields>,
    clock: Clock,
  ) {
    super(kind, db, rows, clock);
  }

  create(tenantId: string, fields: Fields & { name: string }): Promise<Row> {
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

  list(tenantId: string, includeArchived: boolean): Promise<Row[]> {
    return this.db.inTenant(tenantId, (manager) => this.rows.list(manager, tenantId, includeArchived));
  }
}
