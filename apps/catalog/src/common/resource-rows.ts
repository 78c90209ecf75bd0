import { Insertable, Updateable } from 'kysely';
import { EntityManager } from 'typeorm';
import { DB } from '../infrastructure/database';
import { db } from '../infrastructure/db';
import { findRow, listByName, lockRow, ResourceRow, ResourceTable, updateRow } from './sql';

/** What a resource's own columns are, given on insert: the key and the timestamps are added. */
type OwnColumns<T extends ResourceTable> = Omit<
  Insertable<DB[T]>,
  'tenant_id' | 'id' | 'created_at' | 'updated_at'
>;

/**
 * A tenant's rows of one resource table (programmes, activities, venues, facilitators): inserted
 * with their key and timestamps, found and changed by id. A repository says which columns its
 * fields are (`columns`) and how its rows are listed.
 */
export abstract class ResourceRows<T extends ResourceTable, Fields> {
  protected constructor(private readonly table: T) {}

  /** The columns a change of these fields sets (undefined ones are left as they are). */
  protected abstract columns(fields: Fields): Updateable<DB[T]>;

  protected insertRow(
    manager: EntityManager,
    key: { tenantId: string; id: string },
    values: OwnColumns<T>,
    now: Date,
  ): Promise<ResourceRow<T>> {
    const row = { tenant_id: key.tenantId, id: key.id, ...values, created_at: now, updated_at: now };
    // The row was checked against `T` by the signature; the builder sees the four tables' union.
    return db(manager)
      .insertInto(this.table as ResourceTable)
      .values(row as Insertable<DB[ResourceTable]>)
      .returningAll()
      .executeTakeFirstOrThrow() as Promise<ResourceRow<T>>;
  }

  /**
   * Inserts a new row of these fields: each column `columns` names takes its field, or when the
   * field is not given (or null) its value in `unset`, else NULL.
   */
  protected insertFields(
    manager: EntityManager,
    key: { tenantId: string; id: string },
    fields: Fields,
    unset: Updateable<DB[T]>,
    now: Date,
  ): Promise<ResourceRow<T>> {
    const given: Record<string, unknown> = this.columns(fields);
    const defaults: Record<string, unknown> = unset;
    const values = Object.fromEntries(
      Object.entries(given).map(([column, value]) => [column, value ?? defaults[column] ?? null]),
    );
    return this.insertRow(manager, key, values as OwnColumns<T>, now);
  }

  find(manager: EntityManager, tenantId: string, id: string): Promise<ResourceRow<T> | null> {
    return findRow(manager, this.table, { tenantId, id });
  }

  /** The row, locked until the transaction ends: changes to it are made one after the other. */
  lock(manager: EntityManager, tenantId: string, id: string): Promise<ResourceRow<T> | null> {
    return lockRow(manager, this.table, { tenantId, id });
  }

  update(
    manager: EntityManager,
    tenantId: string,
    id: string,
    fields: Fields,
    now: Date,
  ): Promise<ResourceRow<T> | null> {
    return updateRow(manager, this.table, { tenantId, id }, this.columns(fields), now);
  }
}

/** Venues or facilitators: what sessions refer to, listed by name. */
export abstract class NamedReferenceRows<T extends 'venues' | 'facilitators', Fields> extends ResourceRows<
  T,
  Fields
> {
  protected constructor(private readonly namedTable: T) {
    super(namedTable);
  }

  /** Inserts a new row: each field not given is NULL. */
  insert(
    manager: EntityManager,
    tenantId: string,
    id: string,
    fields: Fields & { name: string },
    now: Date,
  ): Promise<ResourceRow<T>> {
    return this.insertFields(manager, { tenantId, id }, fields, {}, now);
  }

  list(manager: EntityManager, tenantId: string, includeArchived: boolean): Promise<ResourceRow<T>[]> {
    return listByName(manager, this.namedTable, tenantId, includeArchived);
  }
}
