import { ReadModelGeneration } from './read-model-generation';
import { COUNT_RULES, RATING_VALUES, ratingColumn, WAITING_AT_START_SQL } from '../projections/session-counts';

type Query = { query(sql: string, parameters?: unknown[]): Promise<unknown> };

/**
 * Fills a generation's rollups from its rows by a scan, with the same rules the projection applies
 * as deltas (`COUNT_RULES`): the migration that introduced the rollups runs it on the generations
 * that predate them, and the tests compare it with what the projection maintained. The rows are
 * locked against writes meanwhile (SHARE), so no batch commits between the scan and the fill.
 */
export async function fillRollups(db: Query, generation: ReadModelGeneration): Promise<void> {
  const t = generation.t;
  await db.query(`LOCK TABLE ${t.registration}, ${t.feedback}, ${t.session} IN SHARE MODE`);
  await db.query(`LOCK TABLE ${t.session_counts} IN EXCLUSIVE MODE`);
  await db.query(`DELETE FROM ${t.session_counts}`);
  const metrics = COUNT_RULES.map((rule) => rule.column);
  const ratings = RATING_VALUES.map(ratingColumn);
  await db.query(
    `INSERT INTO ${t.session_counts} (tenant_id, session_id, ${[...metrics, 'waiting_at_start', ...ratings].join(', ')})
     SELECT tenant_id, session_id, ${[...metrics, 'waiting_at_start'].map((c) => `sum(${c})`).join(', ')},
            ${ratings.map((c) => `sum(${c})`).join(', ')}
       FROM (
         SELECT r.tenant_id, r.session_id,
                ${COUNT_RULES.map((rule) => `count(*) FILTER (WHERE ${rule.sql}) AS ${rule.column}`).join(',\n                ')},
                count(*) FILTER (WHERE ${WAITING_AT_START_SQL}) AS waiting_at_start,
                ${ratings.map((c) => `0 AS ${c}`).join(', ')}
           FROM ${t.registration} r LEFT JOIN ${t.session} s ON s.tenant_id = r.tenant_id AND s.session_id = r.session_id
          GROUP BY r.tenant_id, r.session_id
         UNION ALL
         SELECT f.tenant_id, f.session_id, ${[...metrics, 'waiting_at_start'].map((c) => `0 AS ${c}`).join(', ')},
                ${RATING_VALUES.map((v) => `count(*) FILTER (WHERE f.rating = ${v})`).join(', ')}
           FROM ${t.feedback} f GROUP BY f.tenant_id, f.session_id) per_source
      GROUP BY tenant_id, session_id`,
  );
}
