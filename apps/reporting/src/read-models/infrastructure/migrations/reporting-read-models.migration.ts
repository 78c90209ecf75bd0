import { MigrationInterface, QueryRunner } from 'typeorm';
import { ReadModelGeneration } from '../read-model-generation';

/**
 * The generation registry and the first generation of read models.
 *
 * `reporting_generation` is infrastructure, like the inbox: it holds no tenant data, so it has
 * no row-level security. At most one generation is `active` (reports read it, the consumer
 * feeds it); a rebuild adds a `building` one and switches over when it has caught up.
 */
export class ReportingReadModels1763940000000 implements MigrationInterface {
  name = 'ReportingReadModels1763940000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE reporting_generation (
        generation     integer PRIMARY KEY CHECK (generation > 0),
        status         text NOT NULL CHECK (status IN ('building', 'active', 'retired')),
        consumer_group text NOT NULL,
        created_at     timestamptz NOT NULL DEFAULT now(),
        activated_at   timestamptz,
        retired_at     timestamptz
      )`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX reporting_generation_one_active ON reporting_generation ((true)) WHERE status = 'active'`,
    );
    const first = new ReadModelGeneration(1);
    await first.create(queryRunner);
    await queryRunner.query(
      `INSERT INTO reporting_generation (generation, status, consumer_group, activated_at) VALUES (1, 'active', $1, now())`,
      [first.consumerGroup],
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const generations: { generation: number }[] = await queryRunner.query(
      `SELECT generation FROM reporting_generation`,
    );
    for (const { generation } of generations) await new ReadModelGeneration(generation).drop(queryRunner);
    await queryRunner.query(`DROP TABLE reporting_generation`);
  }
}
