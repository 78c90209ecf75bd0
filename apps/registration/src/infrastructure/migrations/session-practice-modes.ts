import { MigrationInterface, QueryRunner } from 'typeorm';

/** The practice modes a session is for, copied from catalog.session.published (empty = all). */
export class SessionPracticeModes1764600000070 implements MigrationInterface {
  name = 'SessionPracticeModes1764600000070';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE session ADD COLUMN eligible_practice_modes text[] NOT NULL DEFAULT '{}'`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE session DROP COLUMN eligible_practice_modes`);
  }
}
