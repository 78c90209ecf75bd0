import { Injectable } from '@nestjs/common';
import { sql } from 'kysely';
import { EntityManager } from 'typeorm';
import { db } from '../../infrastructure/db';

/** Who was erased, and how long this tenant keeps its delivery log. */
@Injectable()
export class PrivacyRepository {
  async markErased(manager: EntityManager, tenantId: string, participantId: string): Promise<void> {
    await db(manager)
      .insertInto('erased_participant')
      .values({ tenant_id: tenantId, participant_id: participantId })
      .onConflict((conflict) => conflict.doNothing())
      .execute();
  }

  async isErased(manager: EntityManager, tenantId: string, participantId: string): Promise<boolean> {
    const row = await db(manager)
      .selectFrom('erased_participant')
      .select(sql<number>`1`.as('erased'))
      .where('tenant_id', '=', tenantId)
      .where('participant_id', '=', participantId)
      .executeTakeFirst();
    return row !== undefined;
  }

  async saveRetention(manager: EntityManager, tenantId: string, months: number | null): Promise<void> {
    await db(manager)
      .updateTable('tenant_directory')
      .set({ delivery_log_retention_months: months })
      .where('tenant_id', '=', tenantId)
      .execute();
  }

  async retentionMonths(manager: EntityManager, tenantId: string): Promise<number | null> {
    const row = await db(manager)
      .selectFrom('tenant_directory')
      .select('delivery_log_retention_months')
      .where('tenant_id', '=', tenantId)
      .executeTakeFirst();
    return row?.delivery_log_retention_months ?? null;
  }

  /** Finished deliveries older than the retention period go, a batch at a time; answers how many. */
  async purgeDeliveries(
    manager: EntityManager,
    tenantId: string,
    months: number,
    now: Date,
    limit: number,
  ): Promise<number> {
    const { numDeletedRows } = await db(manager)
      .deleteFrom('delivery')
      .where('tenant_id', '=', tenantId)
      .where('id', 'in', (eb) =>
        eb
          .selectFrom('delivery')
          .select('id')
          .where('tenant_id', '=', tenantId)
          .where('status', 'in', ['sent', 'failed', 'cancelled'])
          .where('created_at', '<', olderThan(now, months))
          .limit(limit),
      )
      .executeTakeFirst();
    return Number(numDeletedRows);
  }

  /** Coordinators' messages (and their Idempotency-Keys) go with the deliveries they caused. */
  async purgeSessionMessages(
    manager: EntityManager,
    tenantId: string,
    months: number,
    now: Date,
  ): Promise<void> {
    await db(manager)
      .deleteFrom('session_message')
      .where('tenant_id', '=', tenantId)
      .where('created_at', '<', olderThan(now, months))
      .execute();
  }
}

function olderThan(now: Date, months: number) {
  return sql<Date>`${now}::timestamptz - make_interval(months => ${months})`;
}
