import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { returnedRows } from '../../infrastructure/sql';

/** Who was erased, and how long this tenant keeps its delivery log. */
@Injectable()
export class PrivacyRepository {
  async markErased(manager: EntityManager, tenantId: string, participantId: string): Promise<void> {
    await manager.query(
      `INSERT INTO erased_participant (tenant_id, participant_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`,
      [tenantId, participantId],
    );
  }

  async isErased(manager: EntityManager, tenantId: string, participantId: string): Promise<boolean> {
    const rows: unknown[] = await manager.query(
      `SELECT 1 FROM erased_participant WHERE tenant_id = $1 AND participant_id = $2`,
      [tenantId, participantId],
    );
    return rows.length > 0;
  }

  async saveRetention(manager: EntityManager, tenantId: string, months: number | null): Promise<void> {
    await manager.query(`UPDATE tenant_directory SET delivery_log_retention_months = $2 WHERE tenant_id = $1`, [tenantId, months]);
  }

  async retentionMonths(manager: EntityManager, tenantId: string): Promise<number | null> {
    const rows: { months: number | null }[] = await manager.query(
      `SELECT delivery_log_retention_months AS months FROM tenant_directory WHERE tenant_id = $1`,
      [tenantId],
    );
    return rows[0]?.months ?? null;
  }

  /** Finished deliveries older than the retention period go, a batch at a time; answers how many. */
  async purgeDeliveries(manager: EntityManager, tenantId: string, months: number, now: Date, limit: number): Promise<number> {
    const rows: unknown = await manager.query(
      `DELETE FROM delivery WHERE tenant_id = $1 AND id IN (
         SELECT id FROM delivery
          WHERE tenant_id = $1 AND status IN ('sent', 'failed', 'cancelled')
            AND created_at < $2::timestamptz - make_interval(months => $3)
          LIMIT $4)
       RETURNING id`,
      [tenantId, now, months, limit],
    );
    return returnedRows(rows).length;
  }

  /** Coordinators' messages (and their Idempotency-Keys) go with the deliveries they caused. */
  async purgeSessionMessages(manager: EntityManager, tenantId: string, months: number, now: Date): Promise<void> {
    await manager.query(
      `DELETE FROM session_message WHERE tenant_id = $1 AND created_at < $2::timestamptz - make_interval(months => $3)`,
      [tenantId, now, months],
    );
  }
}
