import { Injectable } from '@nestjs/common';
import { sql } from 'kysely';
import { EntityManager } from 'typeorm';
import { db } from '../../infrastructure/db';
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
    const row = await db(manager)
      .insertInto('session_alert')
      .values({
        tenant_id: tenantId,
        alert_id: alertId,
        email,
        category,
        status: 'pending',
        created_at: now,
      })
      // The unique index session_alert_one_per_address.
      .onConflict((conflict) =>
        conflict.expression(sql`tenant_id, lower(email), category`).doUpdateSet((eb) => ({
          status: eb
            .case()
            .when('session_alert.status', '=', 'unsubscribed')
            .then('pending' as const)
            .else(eb.ref('session_alert.status'))
            .end(),
        })),
      )
      .returning(['alert_id', 'email', 'category', 'status'])
      .executeTakeFirstOrThrow();
    return { tenantId, alertId: row.alert_id, email: row.email, category: row.category, status: row.status };
  }

  /**
   * Every alert of one address in the tenant, after taking a lock on the address for the rest of
   * the transaction: two requests for one address cannot both read "no mail sent yet".
   */
  async lockAddress(manager: EntityManager, tenantId: string, email: string): Promise<AddressAlert[]> {
    await sql`SELECT pg_advisory_xact_lock(hashtextextended(${tenantId} || ' ' || lower(${email}), 0))`.execute(
      db(manager),
    );
    const rows = await db(manager)
      .selectFrom('session_alert')
      .select(['category', 'status', 'confirmation_sent_at'])
      .where('tenant_id', '=', tenantId)
      .where(sql`lower(email)`, '=', sql`lower(${email})`)
      .execute();
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
    await db(manager)
      .updateTable('session_alert')
      .set({ confirmation_sent_at: now })
      .where('tenant_id', '=', tenantId)
      .where('alert_id', '=', alertId)
      .execute();
  }

  async find(manager: EntityManager, tenantId: string, alertId: string): Promise<AlertRecord | null> {
    const row = await db(manager)
      .selectFrom('session_alert')
      .select(['alert_id', 'email', 'category', 'status'])
      .where('tenant_id', '=', tenantId)
      .where('alert_id', '=', alertId)
      .forUpdate()
      .executeTakeFirst();
    return row
      ? { tenantId, alertId: row.alert_id, email: row.email, category: row.category, status: row.status }
      : null;
  }

  async confirm(manager: EntityManager, tenantId: string, alertId: string, now: Date): Promise<void> {
    await db(manager)
      .updateTable('session_alert')
      .set({ status: 'confirmed', confirmed_at: now })
      .where('tenant_id', '=', tenantId)
      .where('alert_id', '=', alertId)
      .where('status', '=', 'pending')
      .execute();
  }

  /** Ends every alert of the address behind `alertId` (one click ends them all). */
  async unsubscribeAddress(
    manager: EntityManager,
    tenantId: string,
    alertId: string,
    now: Date,
  ): Promise<number> {
    const rows = await db(manager)
      .updateTable('session_alert')
      .set({ status: 'unsubscribed', unsubscribed_at: now })
      .where('tenant_id', '=', tenantId)
      .where('status', '<>', 'unsubscribed')
      .where((eb) =>
        eb(
          sql<string>`lower(email)`,
          '=',
          eb
            .selectFrom('session_alert')
            .select(sql<string>`lower(email)`.as('email'))
            .where('tenant_id', '=', tenantId)
            .where('alert_id', '=', alertId),
        ),
      )
      .returning('alert_id')
      .execute();
    return rows.length;
  }

  async confirmedFor(
    manager: EntityManager,
    tenantId: string,
    categories: string[],
  ): Promise<AlertSubscription[]> {
    const rows = await db(manager)
      .selectFrom('session_alert')
      .select(['alert_id', 'email', 'category'])
      .where('tenant_id', '=', tenantId)
      .where('status', '=', 'confirmed')
      .where('category', '=', sql<string>`ANY(${categories}::text[])`)
      .execute();
    return rows.map((r) => ({ alertId: r.alert_id, email: r.email, category: r.category }));
  }

  async anyConfirmed(manager: EntityManager, tenantId: string, category: string): Promise<boolean> {
    const row = await db(manager)
      .selectFrom('session_alert')
      .select(sql<number>`1`.as('found'))
      .where('tenant_id', '=', tenantId)
      .where('category', '=', category)
      .where('status', '=', 'confirmed')
      .limit(1)
      .executeTakeFirst();
    return row !== undefined;
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
    const seen = await db(manager)
      .selectFrom('alert_batch_session')
      .select(sql<number>`1`.as('seen'))
      .where('tenant_id', '=', tenantId)
      .where('session_id', '=', session.sessionId)
      .executeTakeFirst();
    if (seen) return null;
    const batch = await db(manager)
      .insertInto('alert_batch')
      .values({ tenant_id: tenantId, batch_id: newBatchId, status: 'open', due_at: dueAt, created_at: now })
      // The partial unique index alert_batch_one_open.
      .onConflict((conflict) =>
        conflict
          .column('tenant_id')
          .where('status', '=', 'open')
          .doUpdateSet((eb) => ({
            due_at: eb.fn<Date>('greatest', [eb.ref('alert_batch.due_at'), eb.ref('excluded.due_at')]),
          })),
      )
      .returning(['batch_id', 'due_at'])
      .executeTakeFirstOrThrow();
    const inserted = await db(manager)
      .insertInto('alert_batch_session')
      .values({
        tenant_id: tenantId,
        session_id: session.sessionId,
        batch_id: batch.batch_id,
        category: session.category,
        title: session.title,
        confidential: session.confidential,
        starts_at: session.startsAt,
        ends_at: session.endsAt,
        timezone: session.timezone,
        venue_name: session.venueName,
      })
      .onConflict((conflict) => conflict.doNothing())
      .returning('session_id')
      .execute();
    return inserted.length > 0 ? { batchId: batch.batch_id, dueAt: batch.due_at } : null;
  }

  async lockBatch(
    manager: EntityManager,
    tenantId: string,
    batchId: string,
  ): Promise<{ status: BatchStatus; dueAt: Date } | null> {
    const row = await db(manager)
      .selectFrom('alert_batch')
      .select(['status', 'due_at'])
      .where('tenant_id', '=', tenantId)
      .where('batch_id', '=', batchId)
      .forUpdate()
      .executeTakeFirst();
    return row ? { status: row.status, dueAt: row.due_at } : null;
  }

  async batchSessions(
    manager: EntityManager,
    tenantId: string,
    batchId: string,
  ): Promise<AnnouncedSession[]> {
    // The session copy is current (a rename, a reschedule, a cancellation read since): it wins.
    const rows = await db(manager)
      .selectFrom('alert_batch_session as s')
      .leftJoin('session as c', (join) =>
        join.onRef('c.tenant_id', '=', 's.tenant_id').onRef('c.id', '=', 's.session_id'),
      )
      .select((eb) => [
        's.session_id',
        's.category',
        eb.fn.coalesce('c.title', 's.title').as('title'),
        eb.fn.coalesce('c.confidential', 's.confidential').as('confidential'),
        eb.fn.coalesce('c.starts_at', 's.starts_at').as('starts_at'),
        eb.fn.coalesce('c.ends_at', 's.ends_at').as('ends_at'),
        eb.fn.coalesce('c.timezone', 's.timezone').as('timezone'),
        eb.fn.coalesce(eb.ref('c.venue', '->>').key('name'), 's.venue_name').as('venue_name'),
      ])
      .where('s.tenant_id', '=', tenantId)
      .where('s.batch_id', '=', batchId)
      .where((eb) => eb(eb.fn.coalesce('c.status', sql<'published'>`'published'`), '=', 'published'))
      .execute();
    return rows.map((r) => ({
      sessionId: r.session_id,
      category: r.category,
      title: r.title,
      confidential: r.confidential,
      startsAt: r.starts_at,
      endsAt: r.ends_at,
      timezone: r.timezone,
      venueName: r.venue_name ?? null,
    }));
  }

  async markSent(manager: EntityManager, tenantId: string, batchId: string, now: Date): Promise<void> {
    await db(manager)
      .updateTable('alert_batch')
      .set({ status: 'sent', sent_at: now })
      .where('tenant_id', '=', tenantId)
      .where('batch_id', '=', batchId)
      .execute();
  }

  /** Open batches (for the sweep that re-adds a lost job). */
  async openBatches(manager: EntityManager, tenantId: string): Promise<OpenBatch[]> {
    const rows = await db(manager)
      .selectFrom('alert_batch')
      .select(['batch_id', 'due_at'])
      .where('tenant_id', '=', tenantId)
      .where('status', '=', 'open')
      .execute();
    return rows.map((r) => ({ batchId: r.batch_id, dueAt: r.due_at }));
  }
}
