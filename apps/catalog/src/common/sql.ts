import { Selectable, sql, Updateable } from 'kysely';
import { EntityManager } from 'typeorm';
import { DB } from '../infrastructure/database';
import { db } from '../infrastructure/db';

/** The tables of the resources sessions use: each has tenant_id, id, archived_at and updated_at. */
export type ResourceTable = 'programmes' | 'activities' | 'venues' | 'facilitators';
export type ResourceRow<T extends ResourceTable> = Selectable<DB[T]>;

/** A row of the transaction's tenant (locked when asked), or null when there is none. */
export async function findRow<T extends ResourceTable>(
  manager: EntityManager,
  table: T,
  key: { tenantId: string; id: string },
  lock = false,
): Promise<ResourceRow<T> | null> {
  const row = await db(manager)
    .selectFrom(table as ResourceTable)
    .selectAll()
    .where('tenant_id', '=', key.tenantId)
    .where('id', '=', key.id)
    .$if(lock, (query) => query.forUpdate())
    .executeTakeFirst();
  // The four tables share the columns the query names; the row is the one of `table`.
  return (row as ResourceRow<T> | undefined) ?? null;
}

/** Locks a row of the transaction's tenant, or says it is not there. */
export function lockRow<T extends ResourceTable>(
  manager: EntityManager,
  table: T,
  key: { tenantId: string; id: string },
): Promise<ResourceRow<T> | null> {
  return findRow(manager, table, key, true);
}

/** Changes the given columns of a row of the transaction's tenant, and `updated_at`; null when there is none. */
export async function updateRow<T extends ResourceTable>(
  manager: EntityManager,
  table: T,
  key: { tenantId: string; id: string },
  values: Updateable<DB[T]>,
  now: Date,
): Promise<ResourceRow<T> | null> {
  const row = await db(manager)
    .updateTable(table as ResourceTable)
    // `values` was checked against `table` by the signature; undefined ones are left out.
    .set({ ...(values as Updateable<DB[ResourceTable]>), updated_at: now })
    .where('tenant_id', '=', key.tenantId)
    .where('id', '=', key.id)
    .returningAll()
    .executeTakeFirst();
  return (row as ResourceRow<T> | undefined) ?? null;
}

/** Venues or facilitators of the tenant by name (the archived ones when asked). */
export async function listByName<T extends 'venues' | 'facilitators'>(
  manager: EntityManager,
  table: T,
  tenantId: string,
  includeArchived: boolean,
): Promise<ResourceRow<T>[]> {
  const rows = await db(manager)
    .selectFrom(table as 'venues' | 'facilitators')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .$if(!includeArchived, (query) => query.where('archived_at', 'is', null))
    .orderBy(sql`lower(name)`)
    .orderBy('id')
    .execute();
  return rows as ResourceRow<T>[];
}

export type SessionReference = 'activity_id' | 'venue_id' | 'facilitator_id' | 'programme_id';

/** Published sessions still to come that use a programme, activity, venue or facilitator. */
export async function countUpcomingSessions(
  manager: EntityManager,
  tenantId: string,
  column: SessionReference,
  id: string,
  now: Date,
): Promise<number> {
  const { n } = await db(manager)
    .selectFrom('sessions')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('tenant_id', '=', tenantId)
    .where(column, '=', id)
    .where('status', '=', 'published')
    .where('ends_at', '>', now)
    .executeTakeFirstOrThrow();
  return Number(n);
}

export function iso(value: Date | null): string | null {
  return value ? value.toISOString() : null;
}

export function isoDate(value: Date | string | null): string | null {
  if (value === null) return null;
  if (typeof value === 'string') return value.slice(0, 10);
  // `date` columns come back as local-midnight Dates from node-postgres; read them back as such.
  const y = value.getFullYear();
  const m = String(value.getMonth() + 1).padStart(2, '0');
  const d = String(value.getDate()).padStart(2, '0');
  return `${y}-${m}-${d}`;
}
