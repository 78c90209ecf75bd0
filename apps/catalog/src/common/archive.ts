import { EntityManager } from 'typeorm';
import { CatalogConflictError, ResourceKind, ResourceNotFoundError } from './catalog-errors';
import { countUpcomingSessions, lockRow, ResourceTable, SessionReference, updateRow } from './sql';

const TABLES: Partial<
  Record<ResourceKind, { table: ResourceTable; column: SessionReference; label: string }>
> = {
  programme: { table: 'programmes', column: 'programme_id', label: 'ce programme' },
  activity: { table: 'activities', column: 'activity_id', label: 'cette activité' },
  venue: { table: 'venues', column: 'venue_id', label: 'ce lieu' },
  facilitator: { table: 'facilitators', column: 'facilitator_id', label: 'cet intervenant' },
};

/**
 * Archives a programme, activity, venue or facilitator: hidden from new work, kept for history.
 * Refused while published sessions still to come use it (cancel or move them first). Archiving
 * twice changes nothing.
 */
export async function archiveRow<Row extends { archived_at: Date | null }>(
  manager: EntityManager,
  kind: ResourceKind,
  key: { tenantId: string; id: string },
  now: Date,
): Promise<Row> {
  const spec = TABLES[kind]!;
  const row = (await lockRow(manager, spec.table, key)) as Row | null;
  if (!row) throw new ResourceNotFoundError(kind);
  if (row.archived_at) return row;
  const upcoming = await countUpcomingSessions(manager, key.tenantId, spec.column, key.id, now);
  if (upcoming > 0) {
    throw new CatalogConflictError(
      'in_use_by_upcoming_sessions',
      `Impossible d'archiver ${spec.label} : ${upcoming} séance${upcoming > 1 ? 's publiées à venir l’utilisent' : ' publiée à venir l’utilise'}. Annulez-les ou modifiez-les d'abord.`,
      { upcomingSessions: upcoming },
    );
  }
  return (await updateRow(manager, spec.table, key, { archived_at: now }, now)) as Row;
}
