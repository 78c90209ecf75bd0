import { EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { z } from 'zod';
import { EventDefinition } from '@respire/contracts';
import { Outbox } from '@respire/messaging';
import { Clock } from '@respire/platform';
import { CatalogDatabase } from './catalog-database';
import { ResourceNotFoundError } from './catalog-errors';
import { catalogEvent } from './catalog-event';
import { ManagedRepository, ManagedResources } from './managed-resources';
import { ResourceRows } from './resource-rows';

/** A row that is published: its id is the events' subject. */
type PublishedRow = { id: string; archived_at: Date | null };

/** Which kind is published whole at each creation and change, by which events, carrying what. */
export interface Publication<Row, S extends z.ZodType> {
  kind: 'programme' | 'activity';
  created: EventDefinition<string, S>;
  updated: EventDefinition<string, S>;
  /** The row as both events carry it: an update that leaves it as it was publishes nothing. */
  data: (row: Row) => z.infer<S>;
}

/** The arguments of a `ResourceRows` call. */
type Calls<Fields, M extends 'lock' | 'update'> = Parameters<
  ResourceRows<'programmes' | 'activities', Fields>[M]
>;

/** A tenant's rows of one published kind: inserted, locked and changed by id, as `ResourceRows` does. */
export interface PublishedRepository<Row, Fields, NewFields> extends ManagedRepository<Row> {
  lock(...args: Calls<Fields, 'lock'>): Promise<Row | null>;
  insert(manager: EntityManager, tenantId: string, id: string, fields: NewFields, now: Date): Promise<Row>;
  update(...args: Calls<Fields, 'update'>): Promise<Row | null>;
}

/**
 * What other services hold a copy of (programmes, activities): each creation and each change is
 * published whole (catalog.<kind>.created / .updated) through the outbox, in the same transaction.
 */
export abstract class PublishedResources<
  Row extends PublishedRow,
  S extends z.ZodType,
  Fields,
  NewFields extends Fields,
> extends ManagedResources<Row> {
  protected constructor(
    private readonly publication: Publication<Row, S>,
    db: CatalogDatabase,
    private readonly rows: PublishedRepository<Row, Fields, NewFields>,
    private readonly outbox: Outbox,
    clock: Clock,
  ) {
    super(publication.kind, db, rows, clock);
  }

  /** Inserts and publishes a new row, inside the caller's transaction. */
  protected async insertPublished(manager: EntityManager, tenantId: string, fields: NewFields): Promise<Row> {
    const row = await this.rows.insert(manager, tenantId, uuidv7(), fields, this.clock.now());
    await this.publish(manager, tenantId, this.publication.created, row);
    return row;
  }

  /**
   * The row is locked first: two changes commit — and publish — one after the other. `check` sees
   * the row as it was and throws when the change must not be made.
   */
  protected updatePublished(
    tenantId: string,
    id: string,
    fields: Fields,
    check: (manager: EntityManager, current: Row) => Promise<void> | void,
  ): Promise<Row> {
    return this.db.inTenant(tenantId, async (manager) => {
      const current = await this.rows.lock(manager, tenantId, id);
      if (!current) throw new ResourceNotFoundError(this.kind);
      await check(manager, current);
      const row = (await this.rows.update(manager, tenantId, id, fields, this.clock.now()))!;
      const { data } = this.publication;
      if (JSON.stringify(data(row)) !== JSON.stringify(data(current))) {
        await this.publish(manager, tenantId, this.publication.updated, row);
      }
      return row;
    });
  }

  private async publish(
    manager: EntityManager,
    tenantId: string,
    definition: EventDefinition<string, S>,
    row: Row,
  ): Promise<void> {
    await this.outbox.add(
      manager,
      catalogEvent(definition, this.publication.data(row), { tenantId, subject: row.id }),
    );
  }
}
