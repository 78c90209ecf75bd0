import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { PaymentRecordedV1 } from '@respire/contracts';
import { runInTenantTransaction } from '@respire/tenancy';
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
    await manager.query(
      `INSERT INTO payment_collected (tenant_id, payment_id, session_id, activity_id, programme_id, amount_cents, method, paid_on)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (tenant_id, payment_id) DO NOTHING`,
      [tenantId, p.paymentId, p.sessionId, p.activityId, p.programmeId, p.amountCents, p.method, p.paidOn],
    );
  }

  async void(manager: EntityManager, tenantId: string, paymentId: string, at: Date): Promise<void> {
    await manager.query(
      `UPDATE payment_collected SET voided_at = COALESCE(voided_at, $3) WHERE tenant_id = $1 AND payment_id = $2`,
      [tenantId, paymentId, at],
    );
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
      const { t } = await this.generations.active(manager);
      const rows: {
        activity_id: string;
        activity_title: string | null;
        confidential: boolean | null;
        programme_id: string | null;
        programme_title: string | null;
        amount: string;
        payments: string;
      }[] = await manager.query(
        `SELECT c.activity_id, a.title AS activity_title, a.confidential, c.programme_id, p.title AS programme_title,
                  sum(c.amount_cents) AS amount, count(*) AS payments
             FROM payment_collected c
             LEFT JOIN ${t.activity} a ON a.tenant_id = c.tenant_id AND a.activity_id = c.activity_id
             LEFT JOIN ${t.programme} p ON p.tenant_id = c.tenant_id AND p.programme_id = c.programme_id
            WHERE c.tenant_id = $1 AND c.voided_at IS NULL
              AND ($2::date IS NULL OR c.paid_on >= $2::date) AND ($3::date IS NULL OR c.paid_on <= $3::date)
              AND ($4::uuid IS NULL OR c.programme_id = $4::uuid)
            GROUP BY c.activity_id, a.title, a.confidential, c.programme_id, p.title
            ORDER BY p.title NULLS LAST, a.title`,
        [tenantId, scope.from, scope.to, scope.programmeId],
      );
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
