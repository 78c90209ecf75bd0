import { MigrationInterface, QueryRunner } from 'typeorm';
import { createRegionFunction, enableRegionReadPolicy, enableTenantRowLevelSecurity } from '@respire/tenancy';
import { TENANT_DIRECTORY } from '../../../tenants/infrastructure/tenant-directory.names';
import { ReadModelGeneration } from '../../../read-models/infrastructure/read-model-generation';

/**
 * Surveys, the tenant directory and the funders' region policies.
 *
 * `survey_response` is anonymous by construction: no identity, no address, no time finer than the
 * day, a random (v4) id, and no column that could hold any of them. Answers are JSON checked
 * against the survey by the service.
 */
export class SurveysSchema1764500000000 implements MigrationInterface {
  name = 'SurveysSchema1764500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE ${TENANT_DIRECTORY} (
        tenant_id uuid PRIMARY KEY,
        slug      text UNIQUE,
        name      text NOT NULL,
        timezone  text NOT NULL,
        region    text
      )`);
    await queryRunner.query(
      `CREATE INDEX ${TENANT_DIRECTORY}_region_idx ON ${TENANT_DIRECTORY} (region, tenant_id)`,
    );
    await createRegionFunction(queryRunner);
    await queryRunner.query(`
      CREATE TABLE survey (
        tenant_id    uuid NOT NULL,
        survey_id    uuid NOT NULL,
        template     text,
        content      jsonb NOT NULL,
        programme_id uuid,
        wave         text CHECK (wave IN ('before', 'after')),
        opens_on     date NOT NULL,
        closes_on    date NOT NULL CHECK (closes_on >= opens_on),
        status       text NOT NULL CHECK (status IN ('draft', 'published')),
        created_on   date NOT NULL,
        PRIMARY KEY (tenant_id, survey_id),
        CHECK ((programme_id IS NULL) = (wave IS NULL))
      )`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX survey_programme_wave ON survey (tenant_id, programme_id, wave) WHERE programme_id IS NOT NULL`,
    );
    await queryRunner.query(`
      CREATE TABLE survey_response (
        tenant_id     uuid NOT NULL,
        survey_id     uuid NOT NULL,
        response_id   uuid NOT NULL,
        submitted_on  date NOT NULL,
        answers       jsonb NOT NULL,
        profile       jsonb NOT NULL,
        quote_consent boolean NOT NULL,
        PRIMARY KEY (tenant_id, survey_id, response_id),
        FOREIGN KEY (tenant_id, survey_id) REFERENCES survey (tenant_id, survey_id)
      )`);
    for (const table of ['survey', 'survey_response']) {
      await enableTenantRowLevelSecurity(queryRunner, table);
      await enableRegionReadPolicy(queryRunner, table, TENANT_DIRECTORY);
    }
    const generations: { generation: number }[] = await queryRunner.query(
      `SELECT generation FROM reporting_generation WHERE status IN ('active', 'building')`,
    );
    for (const { generation } of generations)
      await new ReadModelGeneration(generation).allowRegionRead(queryRunner);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const generations: { generation: number }[] = await queryRunner.query(
      `SELECT generation FROM reporting_generation`,
    );
    for (const { generation } of generations) {
      for (const table of Object.values(new ReadModelGeneration(generation).t)) {
        await queryRunner.query(`DROP POLICY IF EXISTS region_read ON ${table}`);
      }
    }
    await queryRunner.query(`DROP TABLE survey_response`);
    await queryRunner.query(`DROP TABLE survey`);
    await queryRunner.query(`DROP FUNCTION IF EXISTS app_current_region()`);
    await queryRunner.query(`DROP TABLE ${TENANT_DIRECTORY}`);
  }
}
