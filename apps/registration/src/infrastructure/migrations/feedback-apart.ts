import { MigrationInterface, QueryRunner } from 'typeorm';
import { disableTenantRowLevelSecurity, enableTenantRowLevelSecurity } from '@respire/tenancy';

/**
 * Feedback written apart from the registration (SubmitFeedbackUseCase, ReleaseFeedbackUseCase):
 *
 * - `feedback_given_mark`: one keyed hash per registration that gave feedback — refuses a second
 *   one without naming the registration;
 * - `feedback_pending`: feedback sealed (fixed size, AES-GCM) until its session's batch is
 *   released into `feedback` in a random order.
 *
 * Feedback stored before this was inserted in the same transaction as its registration's update,
 * so each row shared its transaction id (xmin) with the registration, and the heap kept the
 * submission order. The rows are written again here, all in this transaction and in a random
 * order. The old row versions stay on disk until VACUUM reclaims them, and in WAL archives and
 * backups taken before: see the README ("Feedback without names") for what an operator does.
 */
export class FeedbackApart1763910000020 implements MigrationInterface {
  name = 'FeedbackApart1763910000020';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE feedback_given_mark (
        tenant_id uuid  NOT NULL,
        mark      bytea NOT NULL,
        PRIMARY KEY (tenant_id, mark)
      )`);
    await queryRunner.query(`
      CREATE TABLE feedback_pending (
        tenant_id  uuid  NOT NULL,
        id         uuid  NOT NULL,
        session_id uuid  NOT NULL,
        sealed     bytea NOT NULL,
        PRIMARY KEY (tenant_id, id)
      )`);
    await enableTenantRowLevelSecurity(queryRunner, 'feedback_given_mark');
    await enableTenantRowLevelSecurity(queryRunner, 'feedback_pending');

    await queryRunner.query(`ALTER TABLE feedback NO FORCE ROW LEVEL SECURITY`);
    await queryRunner.query(
      `CREATE TEMPORARY TABLE feedback_shuffled ON COMMIT DROP AS SELECT * FROM feedback ORDER BY random()`,
    );
    await queryRunner.query(`DELETE FROM feedback`);
    await queryRunner.query(`INSERT INTO feedback SELECT * FROM feedback_shuffled`);
    await queryRunner.query(`ALTER TABLE feedback FORCE ROW LEVEL SECURITY`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await disableTenantRowLevelSecurity(queryRunner, 'feedback_pending');
    await disableTenantRowLevelSecurity(queryRunner, 'feedback_given_mark');
    await queryRunner.query(`DROP TABLE feedback_pending`);
    await queryRunner.query(`DROP TABLE feedback_given_mark`);
  }
}
