import { ReadModelGeneration } from './read-model-generation';
import {
  COUNT_RULES,
  RATING_VALUES,
  ratingColumn,
  WAITING_AT_START_SQL,
} from '../projections/session-counts';
import { fillScopeRollups } from '../projections/scope-rollups';

type Query = { query(sql: string, parameters?: unknown[]): Promise<unknown> };

/**
 * Fills a generation's rollups from its rows by a scan, with the same rules the projection applies
 * as deltas (`COUNT_RULES`): the migration that introduced the rollups runs it on the generations
 * that predate them, and the tests compare it with what the projection maintained. The rows are
 * locked against writes meanwhile (SHARE), so no batch commits between the scan and the fill.
 */
export async function fillRollups(db: Query, generation: ReadModelGeneration): Promise<void> {
  await fillSessionCounts(db, generation);
  await fillScopeRollups(db, generation);
}

/** The per-session rollup alone (what the migration that introduced it fills). */
export async function fillSessionCounts(db: Query, generation: ReadModelGeneration): Promise<void> {
  const t = generation.t;
  await db.query(`LOCK TABLE ${t.registration}, ${t.feedback}, ${t.session}, ${t.activity} IN SHARE MODE`);
  await db.query(`LOCK TABLE ${t.session_counts} IN EXCLUSIVE MODE`);
  await db.query(`DELETE FROM ${t.session_counts}`);
  await db.query(
    `INSERT INTO ${t.session_counts} (${SESSION_COUNTS_COLUMNS.join(', ')}) ${scanSessionCounts(generation)}`,
  );
}

const RATINGS = RATING_VALUES.map(ratingColumn);
const METRICS = [...COUNT_RULES.map((rule) => rule.column), 'waiting_at_start'];
/** The columns of the per-session rollup, in the order `scanSessionCounts` gives them. */
export const SESSION_COUNTS_COLUMNS = ['tenant_id', 'session_id', ...METRICS, ...RATINGS];

/** The per-session rollup computed from the rows (every tenant the caller sees): one row per session with registrations or feedback. */
export function scanSessionCounts(generation: ReadModelGeneration): string {
  const t = generation.t;
  return `SELECT tenant_id, session_id, ${[...METRICS, ...RATINGS].map((c) => `sum(${c})::int AS ${c}`).join(', ')}
       FROM (
         SELECT r.tenant_id, r.session_id,
                ${COUNT_RULES.map((rule) => `count(*) FILTER (WHERE ${rule.sql}) AS ${rule.column}`).join(',\n                ')},
                count(*) FILTER (WHERE ${WAITING_AT_START_SQL}) AS waiting_at_start,
                ${RATINGS.map((c) => `0 AS ${c}`).join(', ')}
           FROM ${t.registration} r LEFT JOIN ${t.session} s ON s.tenant_id = r.tenant_id AND s.session_id = r.session_id
          GROUP BY r.tenant_id, r.session_id
         UNION ALL
         SELECT f.tenant_id, f.session_id, ${METRICS.map((c) => `0 AS ${c}`).join(', ')},
                ${RATING_VALUES.map((v) => `count(*) FILTER (WHERE f.rating = ${v})`).join(', ')}
           FROM ${t.feedback} f GROUP BY f.tenant_id, f.session_id) per_source
      GROUP BY tenant_id, session_id`;
}
