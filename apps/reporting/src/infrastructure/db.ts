import { typedSql } from '@respire/tenancy';
import { ReadModelGeneration, ReadModelTable } from '../read-models/infrastructure/read-model-generation';
import { DB } from './database';

/** Reporting's typed SQL: `db(manager).selectFrom('survey')…` runs in `manager`'s transaction. */
export const db = typedSql<DB>();

/**
 * A read-model table of `generation`, aliased: `.leftJoin(readModel(g, 'activity', 'a'), …)`.
 * The table types are generation 1's (`rpt_g1_…`, the one the migrations make, so the generated
 * types have it); every generation is built by the same DDL (ReadModelGeneration.create), so
 * generation N's table has those columns. The SQL names generation N's table.
 */
export function readModel<T extends ReadModelTable, A extends string>(
  generation: ReadModelGeneration,
  table: T,
  alias: A,
): `rpt_g1_${T} as ${A}` {
  return `${generation.t[table]} as ${alias}` as `rpt_g1_${T} as ${A}`;
}
