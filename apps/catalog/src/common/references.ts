import { EntityManager } from 'typeorm';
import { FieldProblems } from './invalid-fields.error';
import { findRow } from './sql';

const TABLES = {
  programme: { table: 'programmes', unknown: 'Programme inconnu', archived: 'Programme archivé' },
  activity: { table: 'activities', unknown: 'Activité inconnue', archived: 'Activité archivée' },
  venue: { table: 'venues', unknown: 'Lieu inconnu', archived: 'Lieu archivé' },
  facilitator: { table: 'facilitators', unknown: 'Intervenant inconnu', archived: 'Intervenant archivé' },
} as const;

/**
 * A reference given in a request body (activityId, venueId…) must name a live row of the
 * caller's tenant; otherwise it is bad input at that field (400), not a missing resource.
 */
export async function liveReference<Row extends { archived_at: Date | null }>(
  manager: EntityManager,
  kind: keyof typeof TABLES,
  tenantId: string,
  id: string,
  problems: FieldProblems,
  path: (string | number)[],
): Promise<Row | null> {
  const spec = TABLES[kind];
  const row = (await findRow(manager, spec.table, { tenantId, id })) as Row | null;
  if (!row) {
    problems.add(path, `${spec.unknown} : ${id}`);
    return null;
  }
  if (row.archived_at) {
    problems.add(path, `${spec.archived} : ${id}`);
    return null;
  }
  return row;
}
