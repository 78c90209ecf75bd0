import { MigrationInterface, QueryRunner } from 'typeorm';
import { ReadModelGeneration } from '../read-model-generation';
import { fillDistinctCounts, participantTotalsPeriodIndex } from '../../projections/scope-rollups';

/**
 * Distinct counts and participant totals per calendar year and quarter beside the whole history
 * (a `period` column, `''` for the whole history): added to every generation whose scope rollups
 * predate it, and filled from its participant slices (a generation created since has the column
 * from `create()`). The rollups are locked against the projection meanwhile, which then keeps the
 * periods up to date as it recounts participants.
 */
export class ReportingPeriodDistinctCounts1764900000000 implements MigrationInterface {
  name = 'ReportingPeriodDistinctCounts1764900000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const g of await generations(queryRunner)) {
      const [{ rollups, period }] = await queryRunner.query(
        `SELECT to_regclass($1) IS NOT NULL AS rollups,
                EXISTS (SELECT 1 FROM information_schema.columns
                         WHERE table_schema = current_schema() AND table_name = $1 AND column_name = 'period') AS period`,
        [g.t.distinct_counts],
      );
      if (!rollups || period) continue;
      const { distinct_counts: counts, participant_totals: totals, participant_slices: slices } = g.t;
      await queryRunner.query(`LOCK TABLE ${slices}, ${counts}, ${totals} IN EXCLUSIVE MODE`);
      await queryRunner.query(`ALTER TABLE ${counts} ADD COLUMN period text NOT NULL DEFAULT ''`);
      await queryRunner.query(`ALTER TABLE ${counts} DROP CONSTRAINT ${counts}_pkey`);
      await queryRunner.query(`ALTER TABLE ${counts} ADD PRIMARY KEY (tenant_id, period, dimension, key)`);
      await queryRunner.query(`ALTER TABLE ${totals} ADD COLUMN period text NOT NULL DEFAULT ''`);
      await fillDistinctCounts(queryRunner, g, `period <> ''`);
      await queryRunner.query(participantTotalsPeriodIndex(g.t));
      await queryRunner.query(`ANALYZE ${counts}, ${totals}`);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const g of await generations(queryRunner)) {
      const { distinct_counts: counts, participant_totals: totals } = g.t;
      const [{ rollups }] = await queryRunner.query(`SELECT to_regclass($1) IS NOT NULL AS rollups`, [
        counts,
      ]);
      if (!rollups) continue;
      await queryRunner.query(`DELETE FROM ${counts} WHERE period <> ''`);
      await queryRunner.query(`DELETE FROM ${totals} WHERE period <> ''`);
      await queryRunner.query(`ALTER TABLE ${counts} DROP CONSTRAINT ${counts}_pkey`);
      await queryRunner.query(`ALTER TABLE ${counts} DROP COLUMN period`);
      await queryRunner.query(`ALTER TABLE ${counts} ADD PRIMARY KEY (tenant_id, dimension, key)`);
      await queryRunner.query(`DROP INDEX IF EXISTS ${totals}_period_idx`);
      await queryRunner.query(`ALTER TABLE ${totals} DROP COLUMN period`);
    }
  }
}

async function generations(queryRunner: QueryRunner): Promise<ReadModelGeneration[]> {
  const rows: { generation: number }[] = await queryRunner.query(
    `SELECT generation FROM reporting_generation ORDER BY generation`,
  );
  return rows.map(({ generation }) => new ReadModelGeneration(generation));
}
