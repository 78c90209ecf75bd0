import { MigrationInterface, QueryRunner } from 'typeorm';
import { ReadModelGeneration } from '../read-model-generation';
import { fillSessionCounts } from '../rollup-backfill';

/**
 * The rollups the projection maintains (per-session counts), added to every generation that
 * predates them and filled from its rows (a generation created since has them from `create()`).
 * One transaction per migration: the fill locks the generation's rows against the projection,
 * which resumes on the filled rollups.
 */
export class ReportingRollups1764700000000 implements MigrationInterface {
  name = 'ReportingRollups1764700000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const generation of await generationsWithout(queryRunner)) {
      await generation.createRollups(queryRunner);
      await generation.allowRegionRead(queryRunner, ['session_counts']);
      await fillSessionCounts(queryRunner, generation);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const rows: { generation: number }[] = await queryRunner.query(
      `SELECT generation FROM reporting_generation`,
    );
    for (const { generation } of rows)
      await queryRunner.query(`DROP TABLE IF EXISTS ${new ReadModelGeneration(generation).t.session_counts}`);
  }
}

async function generationsWithout(queryRunner: QueryRunner): Promise<ReadModelGeneration[]> {
  const rows: { generation: number }[] = await queryRunner.query(
    `SELECT generation FROM reporting_generation ORDER BY generation`,
  );
  const missing: ReadModelGeneration[] = [];
  for (const { generation } of rows) {
    const g = new ReadModelGeneration(generation);
    const [{ base, rollup }] = await queryRunner.query(
      `SELECT to_regclass($1) IS NOT NULL AS base, to_regclass($2) IS NOT NULL AS rollup`,
      [g.t.registration, g.t.session_counts],
    );
    if (base && !rollup) missing.push(g);
  }
  return missing;
}
