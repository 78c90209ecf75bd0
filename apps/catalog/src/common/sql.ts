import { EntityManager } from 'typeorm';

/**
 * `UPDATE table SET …, updated_at = now WHERE tenant_id AND id RETURNING *` for the columns given
 * (names come from code, never from a request). Returns the row, or null when there is none.
 */
export async function updateRow<Row>(
  manager: EntityManager,
  table: string,
  key: { tenantId: string; id: string },
  values: Record<string, unknown>,
  now: Date,
): Promise<Row | null> {
  const entries = Object.entries(values).filter(([, value]) => value !== undefined);
  const sets = entries.map(([column], i) => `"${column}" = $${i + 3}`);
  sets.push(`updated_at = $${entries.length + 3}`);
  const [rows] = await manager.query(
    `UPDATE "${table}" SET ${sets.join(', ')} WHERE tenant_id = $1 AND id = $2 RETURNING *`,
    [key.tenantId, key.id, ...entries.map(([, value]) => value), now],
  );
  return (rows as Row[])[0] ?? null;
}

/** Locks a row of the transaction's tenant, or says it is not there. */
export async function lockRow<Row>(
  manager: EntityManager,
  table: string,
  key: { tenantId: string; id: string },
): Promise<Row | null> {
  const rows: Row[] = await manager.query(
    `SELECT * FROM "${table}" WHERE tenant_id = $1 AND id = $2 FOR UPDATE`,
    [key.tenantId, key.id],
  );
  return rows[0] ?? null;
}

export async function findRow<Row>(
  manager: EntityManager,
  table: string,
  key: { tenantId: string; id: string },
): Promise<Row | null> {
  const rows: Row[] = await manager.query(`SELECT * FROM "${table}" WHERE tenant_id = $1 AND id = $2`, [
    key.tenantId,
    key.id,
  ]);
  return rows[0] ?? null;
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
  const [row] = await manager.query(
    `SELECT count(*)::int AS n FROM sessions
      WHERE tenant_id = $1 AND "${column}" = $2 AND status = 'published' AND ends_at > $3`,
    [tenantId, id, now],
  );
  return row.n;
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
