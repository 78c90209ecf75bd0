import { MigrationInterface, QueryRunner } from 'typeorm';
import { ReadModelGeneration, SCOPE_ROLLUP_TABLES } from '../read-model-generation';
import { fillScopeRollups } from '../../projections/scope-rollups';

/**
 * The scope rollups (sessions per slice, participants per slice, whole-history distinct counts),
 * added to every generation that predates them and filled from its rows (a generation created
 * since has them from `create()`). The fill locks the generation's rows against the projection,
 * which resumes on the filled rollups.
 */
export class ReportingScopeRollups1764800000000 implements MigrationInterface {
  name = 'ReportingScopeRollups1764800000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const rows: { generation: number }[] = await queryRunner.query(
      `SELECT generation FROM reporting_generation ORDER BY generation`,
    );
    for (const { generation } of rows) {
      const g = new ReadModelGeneration(generation);
      const [{ base, rollup }] = await queryRunner.query(
        `SELECT to_regclass($1) IS NOT NULL AS base, to_regclass($2) IS NOT NULL AS rollup`,
        [g.t.session_counts, g.t.slice_counts],
      );
      if (!base || rollup) continue;
      await g.createScopeRollups(queryRunner);
      await g.allowRegionRead(queryRunner, SCOPE_ROLLUP_TABLES);
      await fillScopeRollups(queryRunner, g);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const rows: { generation: number }[] = await queryRunner.query(
      `SELECT generation FROM reporting_generation`,
    );
    for (const { generation } of rows) {
      const g = new ReadModelGeneration(generation);
      for (const table of SCOPE_ROLLUP_TABLES) await queryRunner.query(`DROP TABLE IF EXISTS ${g.t[table]}`);
    }
  }
}
