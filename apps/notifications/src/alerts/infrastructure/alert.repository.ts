import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AlertSubscription, AnnouncedSession } from '../domain/alert-digest';
import { AddressAlert, AlertStatus } from '../domain/confirmation-throttle';
export type { AlertStatus } from '../domain/confirmation-throttle';
/** alert_batch.status (the generated table types name it). */
export type BatchStatus = 'open' | 'sent';

export interface AlertRecord extends AlertSubscription {
  tenantId: string;
  status: AlertStatus;
}

export interface OpenBatch {
  batchId: string;
  dueAt: Date;
}

/** Subscriptions, publication batches and the sessions they announce (row-level security on all three). */
@Injectable()
export class AlertRepository {
  /**
   * A pending subscription for (address, category), or the one already there: a confirmed one
   * stays confirmed, an unsubscribed one goes back to pending (it needs confirming again).
   */
  async request(
    manager: EntityManager,
    tenantId: string,
    alertId: string,
    email: string,
    category: string,
    now: Date,
  ): Promise<AlertRecord> {
    const rows: Record<string, unknown>[] = await manager.query(
      `INSERT INTO session_alert AS a (tenant_id, alert_id, email, category, status, created_at)
       VALUES ($1, $2, $3, $4, 'pending', $5)
       ON CONFLICT (tenant_id, lower(email), category) DO UPDATE
         SET status = CASE WHEN a.status = 'unsubscribed' THEN 'pending' ELSE a.status END
       RETURNING alert_id, email, category, status`,
      [tenantId, alertId, email, category, now],
    );
    return this.record(tenantId, rows[0]);
  }

  /**
   * Every alert of one address in the tenant, after taking a lock on the address for the rest of
   * the transaction: two requests for one address cannot both read "no mail sent yet".
   */
  async lockAddress(manager: EntityManager, tenantId: string, email: string): Promise<AddressAlert[]> {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended($1 || ' ' || lower($2), 0))`, [
      tenantId,
      email,
    ]);
    const rows: { category: string; status: AlertStatus; confirmation_sent_at: Date | null }[] =
      await manager.query(
        `SELECT category, status, confirmation_sent_at FROM session_alert WHERE tenant_id = $1 AND lower(email) = lower($2)`,
        [tenantId, email],
      );
    return rows.map((r) => ({
      category: r.category,
      status: r.status,
      confirmationSentAt: r.confirmation_sent_at,
    }));
  }

  async markConfirmationSent(
    manager: EntityManager,
    tenantId: string,
    alertId: string,
    now: Date,
  ): Promise<void> {
    await manager.query(
      `UPDATE session_alert SET confirmation_sent_at = $3 WHERE tenant_id = $1 AND alert_id = $2`,
      [tenantId, alertId, now],
    );
  }

  async find(manager: EntityManager, tenantId: string, alertId: string): Promise<AlertRecord | null> {
    const rows: Record<string, unknown>[] = await manager.query(
      `SELECT alert_id, email, category, status FROM session_alert WHERE tenant_id = $1 AND alert_id = $2 FOR UPDATE`,
      [tenantId, alertId],
    );
    return rows[0] ? this.record(tenantId, rows[0]) : null;
  }

  async confirm(manager: EntityManager, tenantId: string, alertId: string, now: Date): Promise<void> {
    await manager.query(
      `UPDATE session_alert SET status = 'confirmed', confirmed_at = $3 WHERE tenant_id = $1 AND alert_id = $2 AND status = 'pending'`,
      [tenantId, alertId, now],
    );
  }

  /** Ends every alert of the address behind `alertId` (one click ends them all). */
  async unsubscribeAddress(
    manager: EntityManager,
    tenantId: string,
    alertId: string,
    now: Date,
  ): Promise<number> {
    const rows: unknown[] = await manager.query(
      `UPDATE session_alert SET status = 'unsubscribed', unsubscribed_at = $3
        WHERE tenant_id = $1 AND status <> 'unsubscribed'
          AND lower(email) = (SELECT lower(email) FROM session_alert WHERE tenant_id = $1 AND alert_id = $2)
        RETURNING alert_id`,
      [tenantId, alertId, now],
    );
    return rows.length;
  }

  async confirmedFor(
    manager: EntityManager,
    tenantId: string,
    categories: string[],
  ): Promise<AlertSubscription[]> {
    const rows: { alert_id: string; email: string; category: string }[] = await manager.query(
      `SELECT alert_id, email, category FROM session_alert WHERE tenant_id = $1 AND status = 'confirmed' AND category = ANY($2::text[])`,
      [tenantId, categories],
    );
    return rows.map((r) => ({ alertId: r.alert_id, email: r.email, category: r.category }));
  }

  async anyConfirmed(manager: EntityManager, tenantId: string, category: string): Promise<boolean> {
    const rows: unknown[] = await manager.query(
      `SELECT 1 FROM session_alert WHERE tenant_id = $1 AND category = $2 AND status = 'confirmed' LIMIT 1`,
      [tenantId, category],
    );
    return rows.length > 0;
  }

  /**
   * Adds a session to the tenant's open batch (opening one if none) and moves the batch's due
   * time to `dueAt`: publications close together end up in one batch. A session already
   * announced (a redelivered event) changes nothing and answers null.
   */
  async enqueue(
    manager: EntityManager,
    tenantId: string,
    session: AnnouncedSession,
    newBatchId: string,
    now: Date,
    dueAt: Date,
  ): Promise<OpenBatch | null> {
    const seen: unknown[] = await manager.query(
      `SELECT 1 FROM alert_batch_session WHERE tenant_id = $1 AND session_id = $2`,
      [tenantId, session.sessionId],
    );
    if (seen.length > 0) return null;
    const batches: { batch_id: string; due_at: Date }[] = await manager.query(
      `INSERT INTO alert_batch (tenant_id, batch_id, status, due_at, created_at) VALUES ($1, $2, 'open', $3, $4)
       ON CONFLICT (tenant_id) WHERE status = 'open' DO UPDATE SET due_at = greatest(alert_batch.due_at, EXCLUDED.due_at)
       RETURNING batch_id, due_at`,
      [tenantId, newBatchId, dueAt, now],
    );
    const batch = batches[0];
    const inserted: unknown[] = await manager.query(
      `INSERT INTO alert_batch_session (tenant_id, session_id, batch_id, category, title, confidential, starts_at, ends_at, timezone, venue_name)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT DO NOTHING RETURNING session_id`,
      [
        tenantId,
        session.sessionId,
        batch.batch_id,
        session.category,
        session.title,
        session.confidential,
        session.startsAt,
        session.endsAt,
        session.timezone,
        session.venueName,
      ],
    );
    return inserted.length > 0 ? { batchId: batch.batch_id, dueAt: batch.due_at } : null;
  }

  async lockBatch(
    manager: EntityManager,
    tenantId: string,
    batchId: string,
  ): Promise<{ status: 'open' | 'sent'; dueAt: Date } | null> {
    const rows: { status: 'open' | 'sent'; due_at: Date }[] = await manager.query(
      `SELECT status, due_at FROM alert_batch WHERE tenant_id = $1 AND batch_id = $2 FOR UPDATE`,
      [tenantId, batchId],
    );
    return rows[0] ? { status: rows[0].status, dueAt: rows[0].due_at } : null;
  }

  async batchSessions(
    manager: EntityManager,
    tenantId: string,
    batchId: string,
  ): Promise<AnnouncedSession[]> {
    const rows: Record<string, unknown>[] = await manager.query(
      // The session copy is current (a rename, a reschedule, a cancellation read since): it wins.
      `SELECT s.session_id, s.category, coalesce(c.title, s.title) AS title, coalesce(c.confidential, s.confidential) AS confidential,
              coalesce(c.starts_at, s.starts_at) AS starts_at, coalesce(c.ends_at, s.ends_at) AS ends_at,
              coalesce(c.timezone, s.timezone) AS timezone, coalesce(c.venue->>'name', s.venue_name) AS venue_name
         FROM alert_batch_session s
         LEFT JOIN session c ON c.tenant_id = s.tenant_id AND c.id = s.session_id
        WHERE s.tenant_id = $1 AND s.batch_id = $2 AND coalesce(c.status, 'published') = 'published'`,
      [tenantId, batchId],
    );
    return rows.map((r) => ({
      sessionId: r.session_id as string,
      category: r.category as string,
      title: r.title as string,
      confidential: r.confidential as boolean,
      startsAt: r.starts_at as Date,
      endsAt: r.ends_at as Date,
      timezone: r.timezone as string,
      venueName: (r.venue_name as string | null) ?? null,
    }));
  }

  async markSent(manager: EntityManager, tenantId: string, batchId: string, now: Date): Promise<void> {
    await manager.query(
      `UPDATE alert_batch SET status = 'sent', sent_at = $3 WHERE tenant_id = $1 AND batch_id = $2`,
      [tenantId, batchId, now],
    );
  }

  /** Open batches (for the sweep that re-adds a lost job). */
  async openBatches(manager: EntityManager, tenantId: string): Promise<OpenBatch[]> {
    const rows: { batch_id: string; due_at: Date }[] = await manager.query(
      `SELECT batch_id, due_at FROM alert_batch WHERE tenant_id = $1 AND status = 'open'`,
      [tenantId],
    );
    return rows.map((r) => ({ batchId: r.batch_id, dueAt: r.due_at }));
  }

  private record(tenantId: string, row: Record<string, unknown>): AlertRecord {
    return {
      tenantId,
      alertId: row.alert_id as string,
      email: row.email as string,
      category: row.category as string,
      status: row.status as AlertStatus,
    };
  }
}
