import { MigrationInterface, QueryRunner } from 'typeorm';

/** The SQL twin of maskEmail (libs/platform): `jeanne.dupont@example.org` → `j***@example.org`. */
const EMAIL = `'([A-Za-z0-9._%+-])[A-Za-z0-9._%+-]*@([A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,})'`;
const MASKED = `'\\1***@\\2'`;

/**
 * Mail servers' replies were stored as given, and they quote the recipient ("550 5.1.1
 * <jeanne.dupont@…>: Recipient address rejected"). The service now masks them before storing
 * (send-failure.ts, smtp-email.channel.ts); this masks what is already in the delivery log.
 * Row-level security is lifted for the owner inside this transaction only: the rows of every
 * tenant are concerned, and no tenant is set during a migration.
 */
export class DeliveryMaskReplies1763920000002 implements MigrationInterface {
  name = 'DeliveryMaskReplies1763920000002';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE delivery NO FORCE ROW LEVEL SECURITY`);
    await queryRunner.query(`
      UPDATE delivery
         SET error = regexp_replace(error, ${EMAIL}, ${MASKED}, 'g'),
             provider_message_id = regexp_replace(provider_message_id, ${EMAIL}, ${MASKED}, 'g')
       WHERE error LIKE '%@%' OR provider_message_id LIKE '%@%'`);
    await queryRunner.query(`ALTER TABLE delivery FORCE ROW LEVEL SECURITY`);
  }

  async down(): Promise<void> {
    // What was masked stays masked.
  }
}
