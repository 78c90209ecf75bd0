import { MigrationInterface, QueryRunner } from 'typeorm';
import { disableTenantRowLevelSecurity, enableTenantRowLevelSecurity } from '@respire/tenancy';

const TABLES = ['session_programme', 'programme_survey'];

/**
 * A feedback request can point to its programme's survey: the programme of each session (from
 * catalog.session.published) and the surveys published for a programme (surveys.survey.published).
 */
export class ProgrammeSurveys1763920000005 implements MigrationInterface {
  name = 'ProgrammeSurveys1763920000005';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE session_programme (
        tenant_id    uuid NOT NULL,
        session_id   uuid NOT NULL,
        programme_id uuid NOT NULL,
        PRIMARY KEY (tenant_id, session_id)
      )`);
    await queryRunner.query(`
      CREATE TABLE programme_survey (
        tenant_id    uuid NOT NULL,
        survey_id    uuid NOT NULL,
        programme_id uuid NOT NULL,
        wave         text,
        title        text NOT NULL,
        url          text NOT NULL,
        opens_on     date NOT NULL,
        closes_on    date NOT NULL,
        PRIMARY KEY (tenant_id, survey_id)
      )`);
    await queryRunner.query(
      `CREATE INDEX programme_survey_programme ON programme_survey (tenant_id, programme_id)`,
    );
    for (const table of TABLES) await enableTenantRowLevelSecurity(queryRunner, table);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [...TABLES].reverse()) {
      await disableTenantRowLevelSecurity(queryRunner, table);
      await queryRunner.query(`DROP TABLE ${table}`);
    }
  }
}
