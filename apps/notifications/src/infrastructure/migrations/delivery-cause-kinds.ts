import { MigrationInterface, QueryRunner } from 'typeorm';
import { DELIVERY_CAUSE_KINDS } from '@respire/contracts';

/**
 * delivery.cause_kind accepts exactly the contract's DELIVERY_CAUSE_KINDS. Two migrations written
 * side by side (SessionAlerts, Paperwork) each replaced the CHECK with their own list, the later
 * dropping the other's kind; this one restores the whole list, derived from the contract.
 */
export class DeliveryCauseKinds1764600000100 implements MigrationInterface {
  name = 'DeliveryCauseKinds1764600000100';

  async up(queryRunner: QueryRunner): Promise<void> {
    const kinds = DELIVERY_CAUSE_KINDS.map((kind) => `'${kind}'`).join(', ');
    await queryRunner.query(`ALTER TABLE delivery DROP CONSTRAINT delivery_cause_kind_check`);
    await queryRunner.query(
      `ALTER TABLE delivery ADD CONSTRAINT delivery_cause_kind_check CHECK (cause_kind IN (${kinds}))`,
    );
  }

  async down(): Promise<void> {
    // The earlier lists each lacked a kind in use: nothing to go back to.
  }
}
