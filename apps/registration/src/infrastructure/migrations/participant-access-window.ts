import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * How many "my registrations" links went out to each participant in the current hour
 * (RequestAccessLinkUseCase, domain/access-link-throttle.ts).
 */
export class ParticipantAccessWindow1763910000050 implements MigrationInterface {
  name = 'ParticipantAccessWindow1763910000050';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE participant
        ADD COLUMN access_window_started_at timestamptz,
        ADD COLUMN access_links_sent integer NOT NULL DEFAULT 0`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE participant DROP COLUMN access_window_started_at, DROP COLUMN access_links_sent`,
    );
  }
}
