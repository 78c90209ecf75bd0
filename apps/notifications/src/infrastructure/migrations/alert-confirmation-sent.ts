import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * When the last confirmation mail of an alert left: a request for an address already mailed
 * within the window mails nothing (alerts/domain/confirmation-throttle.ts). Existing pending
 * alerts have none recorded, so their next request mails once more.
 */
export class AlertConfirmationSent1764600000110 implements MigrationInterface {
  name = 'AlertConfirmationSent1764600000110';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE session_alert ADD COLUMN confirmation_sent_at timestamptz`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE session_alert DROP COLUMN confirmation_sent_at`);
  }
}
