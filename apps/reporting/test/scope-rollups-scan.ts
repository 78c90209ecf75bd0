import { DataSource } from 'typeorm';
import { ReadModelGeneration } from '../src/read-models/infrastructure/read-model-generation';
import {
  DISTINCT_COUNTS_COLUMNS,
  PARTICIPANT_SLICES_COLUMNS,
  PARTICIPANT_TOTALS_COLUMNS,
  scanDistinctCounts,
  scanParticipantSlices,
  scanParticipantTotals,
  scanSliceCounts,
  SLICE_COUNTS_COLUMNS,
} from '../src/read-models/projections/scope-rollups';

/** How many rows of each scope rollup were compared. */
export interface ScopeRollupsCompared {
  sliceCounts: number;
  participantSlices: number;
  distinctCounts: number;
  participantTotals: number;
}

/**
 * The scope rollups the projection kept (slice counts, participant slices, distinct counts,
 * participant totals) equal the same rollups scanned from the rows: of one tenant, or of all when
 * `tenantId` is omitted. Distinct counts are compared where `participants > 0` (a scan has no row
 * for a group nobody attended).
 */
export async function expectScopeRollupsMatchScan(
  owner: DataSource,
  generation: ReadModelGeneration,
  tenantId?: string,
): Promise<ScopeRollupsCompared> {
  const t = generation.t;
  const same = async (table: string, columns: string[], scan: string): Promise<number> => {
    const list = columns.map((c) => `${c}::text`).join(', ');
    const order = columns.map((_, i) => i + 1).join(', ');
    const where = [
      ...(tenantId === undefined ? [] : [`tenant_id = '${tenantId}'`]),
      columns.includes('participants') ? 'participants > 0' : 'true',
    ].join(' AND ');
    const kept = await owner.query(`SELECT ${list} FROM ${table} WHERE ${where} ORDER BY ${order}`);
    const scanned = await owner.query(
      `SELECT ${list} FROM (${scan}) s(${columns.join(', ')}) WHERE ${where} ORDER BY ${order}`,
    );
    expect({ table, rows: kept }).toEqual({ table, rows: scanned });
    return kept.length;
  };
  const participantSlices = `(${scanParticipantSlices(t)})`;
  return {
    sliceCounts: await same(t.slice_counts, SLICE_COUNTS_COLUMNS, scanSliceCounts(t)),
    participantSlices: await same(t.participant_slices, PARTICIPANT_SLICES_COLUMNS, scanParticipantSlices(t)),
    distinctCounts: await same(
      t.distinct_counts,
      DISTINCT_COUNTS_COLUMNS,
      scanDistinctCounts(participantSlices),
    ),
    participantTotals: await same(
      t.participant_totals,
      PARTICIPANT_TOTALS_COLUMNS,
      scanParticipantTotals(participantSlices),
    ),
  };
}
