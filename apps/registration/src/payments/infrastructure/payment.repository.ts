import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { PaymentMethod } from '@respire/contracts';
import { Payment, PaymentRequest } from '../domain/payment';

interface PaymentRow {
  tenant_id: string;
  id: string;
  registration_id: string;
  session_id: string;
  amount_cents: number;
  method: PaymentMethod;
  paid_on: string;
  reference: string | null;
  receipt_number: number;
  recorded_by: string;
  recorded_at: Date;
  voided_at: Date | null;
  voided_by: string | null;
  void_reason: string | null;
}

const COLUMNS = `tenant_id, id, registration_id, session_id, amount_cents, method, to_char(paid_on, 'YYYY-MM-DD') AS paid_on,
  reference, receipt_number, recorded_by, recorded_at, voided_at, voided_by, void_reason`;

function toPayment(row: PaymentRow): Payment {
  return {
    tenantId: row.tenant_id,
    id: row.id,
    registrationId: row.registration_id,
    sessionId: row.session_id,
    amountCents: row.amount_cents,
    method: row.method,
    paidOn: row.paid_on,
    reference: row.reference,
    receiptNumber: row.receipt_number,
    recordedBy: row.recorded_by,
    recordedAt: row.recorded_at,
    voidedAt: row.voided_at,
    voidedBy: row.voided_by,
    voidReason: row.void_reason,
  };
}

export interface PaymentHistoryEntry {
  change: 'recorded' | 'voided';
  actor: string;
  at: Date;
  payment: Record<string, unknown>;
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
    const rows: PaymentRow[] = await manager.query(
      `INSERT INTO payment (tenant_id, id, registration_id, session_id, amount_cents, method, paid_on, reference, receipt_number,
                            idempotency_key, recorded_by, recorded_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8,
               (SELECT COALESCE(max(receipt_number), 0) + 1 FROM payment WHERE tenant_id = $1), $9, $10, $11)
       ON CONFLICT (tenant_id, idempotency_key) DO NOTHING
       RETURNING ${COLUMNS}`,
      [
        row.tenantId,
        row.id,
        row.registrationId,
        row.sessionId,
        row.amountCents,
        row.method,
        row.paidOn,
        row.reference,
        row.idempotencyKey,
        row.recordedBy,
        row.recordedAt,
      ],
    );
    return rows[0] ? toPayment(rows[0]) : null;
  }

  async findByKey(manager: EntityManager, tenantId: string, idempotencyKey: string): Promise<Payment | null> {
    const rows: PaymentRow[] = await manager.query(
      `SELECT ${COLUMNS} FROM payment WHERE tenant_id = $1 AND idempotency_key = $2`,
      [tenantId, idempotencyKey],
    );
    return rows[0] ? toPayment(rows[0]) : null;
  }

  async find(
    manager: EntityManager,
    tenantId: string,
    paymentId: string,
    lock = false,
  ): Promise<Payment | null> {
    const rows: PaymentRow[] = await manager.query(
      `SELECT ${COLUMNS} FROM payment WHERE tenant_id = $1 AND id = $2 ${lock ? 'FOR UPDATE' : ''}`,
      [tenantId, paymentId],
    );
    return rows[0] ? toPayment(rows[0]) : null;
  }

  async forSession(manager: EntityManager, tenantId: string, sessionId: string): Promise<Payment[]> {
    const rows: PaymentRow[] = await manager.query(
      `SELECT ${COLUMNS} FROM payment WHERE tenant_id = $1 AND session_id = $2 ORDER BY receipt_number`,
      [tenantId, sessionId],
    );
    return rows.map(toPayment);
  }

  async forRegistration(
    manager: EntityManager,
    tenantId: string,
    registrationId: string,
  ): Promise<Payment[]> {
    const rows: PaymentRow[] = await manager.query(
      `SELECT ${COLUMNS} FROM payment WHERE tenant_id = $1 AND registration_id = $2 ORDER BY receipt_number`,
      [tenantId, registrationId],
    );
    return rows.map(toPayment);
  }

  async markVoided(
    manager: EntityManager,
    payment: Payment,
    by: string,
    at: Date,
    reason: string | null,
  ): Promise<Payment> {
    // TypeORM answers an UPDATE with [rows, affected count].
    const [rows]: [PaymentRow[], number] = await manager.query(
      `UPDATE payment SET voided_at = $3, voided_by = $4, void_reason = $5 WHERE tenant_id = $1 AND id = $2 RETURNING ${COLUMNS}`,
      [payment.tenantId, payment.id, at, by, reason],
    );
    return toPayment(rows[0]);
  }

  async appendHistory(
    manager: EntityManager,
    payment: Payment,
    change: 'recorded' | 'voided',
    actor: string,
    at: Date,
  ): Promise<void> {
    await manager.query(
      `INSERT INTO payment_history (tenant_id, payment_id, change, payment, actor, at) VALUES ($1, $2, $3, $4::jsonb, $5, $6)`,
      [payment.tenantId, payment.id, change, JSON.stringify(payment), actor, at],
    );
  }

  async history(
    manager: EntityManager,
    tenantId: string,
    registrationId: string,
  ): Promise<(PaymentHistoryEntry & { paymentId: string })[]> {
    const rows: {
      payment_id: string;
      change: 'recorded' | 'voided';
      actor: string;
      at: Date;
      payment: Record<string, unknown>;
    }[] = await manager.query(
      `SELECT h.payment_id, h.change, h.actor, h.at, h.payment FROM payment_history h
           JOIN payment p ON p.tenant_id = h.tenant_id AND p.id = h.payment_id
          WHERE h.tenant_id = $1 AND p.registration_id = $2 ORDER BY h.seq`,
      [tenantId, registrationId],
    );
    return rows.map((row) => ({
      paymentId: row.payment_id,
      change: row.change,
      actor: row.actor,
      at: row.at,
      payment: row.payment,
    }));
  }
}
