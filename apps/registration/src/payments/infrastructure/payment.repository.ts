import { Injectable } from '@nestjs/common';
import { Selectable, sql } from 'kysely';
import { EntityManager } from 'typeorm';
import { camelRow, jsonb } from '@respire/tenancy';
import { Payment as PaymentTable } from '../../infrastructure/database';
import { db } from '../../infrastructure/db';
import { Payment, PaymentRequest } from '../domain/payment';

const COLUMNS = [
  'tenant_id',
  'id',
  'registration_id',
  'session_id',
  'amount_cents',
  'method',
  'reference',
  'receipt_number',
  'recorded_by',
  'recorded_at',
  'voided_at',
  'voided_by',
  'void_reason',
] as const;

/** The day paid as written ('YYYY-MM-DD'), not a Date at midnight in the server's zone. */
const PAID_ON = sql<string>`to_char(paid_on, 'YYYY-MM-DD')`.as('paid_on');

type PaymentRow = Pick<Selectable<PaymentTable>, (typeof COLUMNS)[number]> & { paid_on: string };

function toPayment(row: PaymentRow): Payment {
  return camelRow(row);
}

export interface PaymentHistoryEntry {
  change: 'recorded' | 'voided';
  actor: string;
  at: Date;
  payment: Record<string, unknown>;
}

function selectPayments(manager: EntityManager, tenantId: string) {
  return db(manager)
    .selectFrom('payment')
    .select([...COLUMNS, PAID_ON])
    .where('tenant_id', '=', tenantId);
}

/** Payments and their append-only history. Always inside a tenant transaction. */
@Injectable()
export class PaymentRepository {
  /**
   * Inserts the payment unless its Idempotency-Key was used already (then null: the caller reads
   * the payment that key recorded). The receipt number is the tenant's next, under the lock the
   * caller holds (TenantDirectoryRepository.lockForReceipts).
   */
  async insertOnce(
    manager: EntityManager,
    row: {
      tenantId: string;
      id: string;
      registrationId: string;
      sessionId: string;
      idempotencyKey: string;
      recordedBy: string;
      recordedAt: Date;
    } & PaymentRequest,
  ): Promise<Payment | null> {
    const inserted = await db(manager)
      .insertInto('payment')
      .values({
        tenant_id: row.tenantId,
        id: row.id,
        registration_id: row.registrationId,
        session_id: row.sessionId,
        amount_cents: row.amountCents,
        method: row.method,
        paid_on: row.paidOn,
        reference: row.reference,
        receipt_number: (eb) =>
          eb
            .selectFrom('payment')
            .select(sql<number>`COALESCE(max(receipt_number), 0) + 1`.as('next'))
            .where('tenant_id', '=', row.tenantId),
        idempotency_key: row.idempotencyKey,
        recorded_by: row.recordedBy,
        recorded_at: row.recordedAt,
      })
      .onConflict((conflict) => conflict.columns(['tenant_id', 'idempotency_key']).doNothing())
      .returning([...COLUMNS, PAID_ON])
      .executeTakeFirst();
    return inserted ? toPayment(inserted) : null;
  }

  async findByKey(manager: EntityManager, tenantId: string, idempotencyKey: string): Promise<Payment | null> {
    const row = await selectPayments(manager, tenantId)
      .where('idempotency_key', '=', idempotencyKey)
      .executeTakeFirst();
    return row ? toPayment(row) : null;
  }

  async find(
    manager: EntityManager,
    tenantId: string,
    paymentId: string,
    lock = false,
  ): Promise<Payment | null> {
    const row = await selectPayments(manager, tenantId)
      .where('id', '=', paymentId)
      .$if(lock, (query) => query.forUpdate())
      .executeTakeFirst();
    return row ? toPayment(row) : null;
  }

  forSession(manager: EntityManager, tenantId: string, sessionId: string): Promise<Payment[]> {
    return this.byReceiptNumber(manager, tenantId, 'session_id', sessionId);
  }

  forRegistration(manager: EntityManager, tenantId: string, registrationId: string): Promise<Payment[]> {
    return this.byReceiptNumber(manager, tenantId, 'registration_id', registrationId);
  }

  /** The payments of one session or one registration, in receipt order. */
  private async byReceiptNumber(
    manager: EntityManager,
    tenantId: string,
    of: 'session_id' | 'registration_id',
    id: string,
  ): Promise<Payment[]> {
    const rows = await selectPayments(manager, tenantId)
      .where(of, '=', id)
      .orderBy('receipt_number')
      .execute();
    return rows.map(toPayment);
  }

  async markVoided(
    manager: EntityManager,
    payment: Payment,
    by: string,
    at: Date,
    reason: string | null,
  ): Promise<Payment> {
    const row = await db(manager)
      .updateTable('payment')
      .set({ voided_at: at, voided_by: by, void_reason: reason })
      .where('tenant_id', '=', payment.tenantId)
      .where('id', '=', payment.id)
      .returning([...COLUMNS, PAID_ON])
      .executeTakeFirstOrThrow();
    return toPayment(row);
  }

  async appendHistory(
    manager: EntityManager,
    payment: Payment,
    change: 'recorded' | 'voided',
    actor: string,
    at: Date,
  ): Promise<void> {
    await db(manager)
      .insertInto('payment_history')
      .values({
        tenant_id: payment.tenantId,
        payment_id: payment.id,
        change,
        payment: jsonb({ ...payment }),
        actor,
        at,
      })
      .execute();
  }

  async history(
    manager: EntityManager,
    tenantId: string,
    registrationId: string,
  ): Promise<(PaymentHistoryEntry & { paymentId: string })[]> {
    const rows = await db(manager)
      .selectFrom('payment_history as h')
      .innerJoin('payment as p', (join) =>
        join.onRef('p.tenant_id', '=', 'h.tenant_id').onRef('p.id', '=', 'h.payment_id'),
      )
      .select(['h.payment_id', 'h.change', 'h.actor', 'h.at', 'h.payment'])
      .where('h.tenant_id', '=', tenantId)
      .where('p.registration_id', '=', registrationId)
      .orderBy('h.seq')
      .execute();
    return rows.map((row) => ({
      paymentId: row.payment_id,
      change: row.change,
      actor: row.actor,
      at: row.at,
      payment: row.payment,
    }));
  }
}
