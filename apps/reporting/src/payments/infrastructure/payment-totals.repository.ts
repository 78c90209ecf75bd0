import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { sql } from 'kysely';
import { DataSource, EntityManager } from 'typeorm';
import { PaymentRecordedV1 } from '@respire/contracts';
import { runInTenantTransaction } from '@respire/tenancy';
import { db, readModel } from '../../infrastructure/db';
import { GenerationRepository } from '../../read-models/infrastructure/generation.repository';
import { AmountCell } from '../domain/collected-amounts';

/** The payments table (payment_collected): written by PaymentsConsumer, summed for the funder report. */
@Injectable()
export class PaymentTotalsRepository {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly generations: GenerationRepository,
  ) {}

  async record(manager: EntityManager, tenantId: string, p: PaymentRecordedV1): Promise<void> {
    await db(manager)
      .insertInto('payment_collected')
      .values({
        tenant_id: tenantId,
        payment_id: p.paymentId,
        session_id: p.sessionId,
        activity_id: p.activityId,
        programme_id: p.programmeId,
        amount_cents: p.amountCents,
        method: p.method,
        paid_on: p.paidOn,
      })
      .onConflict((conflict) => conflict.columns(['tenant_id', 'payment_id']).doNothing())
      .execute();
  }

  async void(manager: EntityManager, tenantId: string, paymentId: string, at: Date): Promise<void> {
    await db(manager)
      .updateTable('payment_collected')
      .set((eb) => ({ voided_at: eb.fn.coalesce('voided_at', eb.val(at)) }))
      .where('tenant_id', '=', tenantId)
      .where('payment_id', '=', paymentId)
      .execute();
  }

  /**
   * Payments not voided, paid within [from, to] (local dates, either open), by activity, with the
   * activity's and programme's names from the live read-model generation.
   */
  async amounts(
    tenantId: string,
    scope: { from: string | null; to: string | null; programmeId: string | null },
  ): Promise<AmountCell[]> {
    return runInTenantTransaction(this.dataSource, tenantId, async (manager) => {
      const generation = await this.generations.active(manager);
      const rows = await db(manager)
        .selectFrom('payment_collected as c')
        .leftJoin(readModel(generation, 'activity', 'a'), (join) =>
          join.onRef('a.tenant_id', '=', 'c.tenant_id').onRef('a.activity_id', '=', 'c.activity_id'),
        )
        .leftJoin(readModel(generation, 'programme', 'p'), (join) =>
          join.onRef('p.tenant_id', '=', 'c.tenant_id').onRef('p.programme_id', '=', 'c.programme_id'),
        )
        .select((eb) => [
          'c.activity_id',
          'a.title as activity_title',
          'a.confidential',
          'c.programme_id',
          'p.title as programme_title',
          eb.fn.sum<string>('c.amount_cents').as('amount'),
          eb.fn.countAll<string>().as('payments'),
        ])
        .where('c.tenant_id', '=', tenantId)
        .where('c.voided_at', 'is', null)
        .$if(scope.from != null, (q) => q.where('c.paid_on', '>=', sql<Date>`${scope.from}::date`))
        .$if(scope.to != null, (q) => q.where('c.paid_on', '<=', sql<Date>`${scope.to}::date`))
        .$if(scope.programmeId != null, (q) => q.where('c.programme_id', '=', scope.programmeId))
        .groupBy(['c.activity_id', 'a.title', 'a.confidential', 'c.programme_id', 'p.title'])
        .orderBy('p.title', (order) => order.nullsLast())
        .orderBy('a.title')
        .execute();
      return rows.map((row) => ({
        activityId: row.activity_id,
        activityTitle: row.activity_title ?? 'Activité',
        confidential: row.confidential ?? true,
        programmeId: row.programme_id,
        programmeTitle: row.programme_title,
        amountCents: Number(row.amount),
        payments: Number(row.payments),
      }));
    });
  }
}
