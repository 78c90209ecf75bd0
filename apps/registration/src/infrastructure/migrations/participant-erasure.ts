import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Erasure (GDPR art. 17) keeps the participant's row, emptied, so that their registrations stay
 * counted: `erased_at` marks it, its address becomes `erased:<id>` (the address may register
 * again, as a new person). `participant_activity` finds who has had no registration for the
 * tenant's retention period.
 */
export class ParticipantErasure1764600000080 implements MigrationInterface {
  name = 'ParticipantErasure1764600000080';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE participant ADD COLUMN erased_at timestamptz`);
    await queryRunner.query(`
      ALTER TABLE tenant_directory ADD COLUMN participant_retention_months integer CHECK (participant_retention_months > 0)`);
    await queryRunner.query(
      `CREATE INDEX participant_not_erased ON participant (tenant_id, created_at) WHERE erased_at IS NULL`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX participant_not_erased`);
    await queryRunner.query(`ALTER TABLE tenant_directory DROP COLUMN participant_retention_months`);
    await queryRunner.query(`ALTER TABLE participant DROP COLUMN erased_at`);
  }
}
