import { DeliveryCauseKind } from '@respire/contracts';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { maskEmail } from '@respire/platform';
import { sql } from 'kysely';
import { jsonb } from '@respire/tenancy';
import { db } from '../../infrastructure/db';
import { CalendarSpec, DeliveryRequest, DeliveryStatus } from '../domain/delivery';
import { TemplateSource } from '../../templates/domain/template-catalog';
import { TemplateKey } from '../../templates/domain/template-key';
import { TenantRow } from '../../tenants/infrastructure/tenant-directory.repository';

export type CauseKind = DeliveryCauseKind;

export interface DeliveryRow {
  tenant_id: string;
  id: string;
  cause_id: string;
  cause_kind: CauseKind;
  correlation_id: string | null;
  template: TemplateKey;
  channel: 'email' | 'sms';
  recipient: string;
  recipient_masked: string;
  recipient_name: string | null;
  registration_id: string | null;
  participant_id: string | null;
  session_id: string | null;
  context: Record<string, unknown>;
  calendar: CalendarSpec | null;
  status: DeliveryStatus;
  attempts: number;
  interrupted_attempts: number;
  message_id: string | null;
  provider_message_id: string | null;
  error: string | null;
  created_at: Date;
  updated_at: Date;
  sent_at: Date | null;
  /** Until when the current attempt holds the row (see delivery_claim_many). */
  claimed_until?: string | null;
}

export interface ClaimedBatch {
  deliveries: DeliveryRow[];
  busy: string[];
  tenant: TenantRow | null;
  overrides: Partial<Record<TemplateKey, TemplateSource>>;
}

/** A delivery the mail server accepted, and its notifications.delivery-sent as an outbox row. */
export interface SentMark {
  deliveryId: string;
  providerMessageId: string;
  messageId: string;
  event: {
    id: string;
    topic: string;
    key: string;
    type: string;
    payload: unknown;
    headers: Record<string, string>;
  };
}

export interface DeliveryPage {
  items: DeliveryRow[];
  nextCursor: string | null;
}

@Injectable()
export class DeliveryRepository {
  /**
   * Records a message to send. Returns its id, or null when this (cause, template, recipient)
   * is already in the log: the unique constraint is the "never two" of the delivery log.
   */
  async insert(
    manager: EntityManager,
    request: DeliveryRequest & { causeKind: CauseKind; correlationId: string | null },
  ): Promise<string | null> {
    const [id] = await this.insertMany(manager, [request]);
    return id;
  }

  /**
   * Records several messages in one statement. Returns, for each, its id, or null when it is
   * already in the log (same unique constraint as `insert`).
   */
  async insertMany(
    manager: EntityManager,
    requests: (DeliveryRequest & { causeKind: CauseKind; correlationId: string | null })[],
  ): Promise<(string | null)[]> {
    if (requests.length === 0) return [];
    const ids = requests.map(() => uuidv7());
    const column = <T>(value: (r: (typeof requests)[number]) => T) => requests.map(value);
    const rows: { id: string }[] = await manager.query(
      `INSERT INTO delivery (tenant_id, id, cause_id, cause_kind, correlation_id, template, recipient, recipient_masked,
                             recipient_name, registration_id, participant_id, session_id, context, calendar)
       SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[], $5::text[], $6::text[], $7::text[],
                            $8::text[], $9::text[], $10::uuid[], $11::uuid[], $12::uuid[], $13::jsonb[], $14::jsonb[])
       ON CONFLICT ON CONSTRAINT delivery_once_per_cause_template_recipient DO NOTHING
       RETURNING id`,
      [
        column((r) => r.tenantId),
        ids,
        column((r) => r.causeId),
        column((r) => r.causeKind),
        column((r) => r.correlationId),
        column((r) => r.template),
        column((r) => r.recipient),
        column((r) => maskEmail(r.recipient)),
        column((r) => r.recipientName),
        column((r) => r.registrationId),
        column((r) => r.participantId),
        column((r) => r.sessionId),
        column((r) => JSON.stringify(r.context)),
        column((r) => (r.calendar ? JSON.stringify(r.calendar) : null)),
      ],
    );
    const inserted = new Set(rows.map((row) => row.id));
    return ids.map((id) => (inserted.has(id) ? id : null));
  }

  /**
   * Starts an attempt for each of `ids` in one round trip (delivery_claim_many): every unfinished
   * row not held by a live claim is marked `sending`, its attempt counted, and held for `leaseMs`.
   * Returns each claimed row as found (a row found `sending` was cut off: its lease ran out), the
   * ids held by another claim (`busy`), and what rendering needs: the tenant's settings row and
   * its overrides of the claimed rows' templates. An id in neither list is missing or finished.
   */
  async claimMany(
    queryable: { query: EntityManager['query'] },
    tenantId: string,
    ids: string[],
    leaseMs: number,
  ): Promise<ClaimedBatch> {
    const rows: {
      claim: {
        deliveries: DeliveryRow[];
        busy: string[];
        tenant: TenantRow | null;
        overrides: Partial<Record<TemplateKey, TemplateSource>>;
      };
    }[] = await queryable.query(`SELECT delivery_claim_many($1, $2::uuid[], $3) AS claim`, [
      tenantId,
      ids,
      leaseMs,
    ]);
    const { deliveries, busy, tenant, overrides } = rows[0].claim;
    const date = (value: unknown) => (value === null ? null : new Date(value as string));
    return {
      deliveries: deliveries.map((row) => ({
        ...row,
        created_at: date(row.created_at)!,
        updated_at: date(row.updated_at)!,
        sent_at: date(row.sent_at),
      })),
      busy,
      tenant,
      overrides,
    };
  }

  /**
   * Marks attempts in progress as sent and adds their events to the outbox, in one round trip
   * (delivery_mark_sent_many). Returns the ids it marked: a row no longer `sending` (already
   * marked) is left alone, so a replay changes nothing. Each event is an outbox row built like
   * Outbox.add does.
   */
  async markSentMany(
    queryable: { query: EntityManager['query'] },
    tenantId: string,
    marks: SentMark[],
  ): Promise<Set<string>> {
    if (marks.length === 0) return new Set();
    const rows: { marked: string[] }[] = await queryable.query(
      `SELECT delivery_mark_sent_many($1, $2::jsonb) AS marked`,
      [
        tenantId,
        JSON.stringify(
          marks.map((mark) => ({
            id: mark.deliveryId,
            provider_message_id: mark.providerMessageId,
            message_id: mark.messageId,
            event_id: mark.event.id,
            topic: mark.event.topic,
            key: mark.event.key,
            type: mark.event.type,
            payload: mark.event.payload,
            headers: mark.event.headers,
          })),
        ),
      ],
    );
    return new Set(rows[0]?.marked ?? []);
  }

  /** Back to `pending` after a failed attempt, if this attempt still holds the row (its claim's count). */
  /**
   * A registration was cancelled: its mails of `template` not yet handed to their channel are not
   * sent (a reminder's row is written NOTIFICATIONS_REMINDER_LEAD_SECONDS before its time). A row
   * a batch holds is taken from it too: the batch checks before it sends.
   */
  async cancelUnsent(
    manager: EntityManager,
    tenantId: string,
    registrationId: string,
    template: TemplateKey,
  ): Promise<void> {
    await db(manager)
      .updateTable('delivery')
      .set({
        status: 'cancelled',
        error: 'registration cancelled',
        claimed_until: null,
        updated_at: sql<Date>`now()`,
      })
      .where('tenant_id', '=', tenantId)
      .where('registration_id', '=', registrationId)
      .where('template', '=', template)
      .where('status', 'in', ['pending', 'sending'])
      .execute();
  }

  /** Of these deliveries, the ones still being sent (nothing cancelled them since their claim). */
  async stillSending(manager: EntityManager, tenantId: string, ids: string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const rows = await db(manager)
      .selectFrom('delivery')
      .select('id')
      .where('tenant_id', '=', tenantId)
      .where('id', 'in', ids)
      .where('status', '=', 'sending')
      .execute();
    return new Set(rows.map((row) => row.id));
  }

  async markRetrying(
    manager: EntityManager,
    tenantId: string,
    id: string,
    attempt: number,
    error: string,
  ): Promise<void> {
    await db(manager)
      .updateTable('delivery')
      .set({ status: 'pending', error, claimed_until: null, updated_at: sql<Date>`now()` })
      .where('tenant_id', '=', tenantId)
      .where('id', '=', id)
      .where('status', '=', 'sending')
      .where('attempts', '=', attempt)
      .execute();
  }

  async markFailed(
    manager: EntityManager,
    tenantId: string,
    id: string,
    error: string,
    messageId: string | null = null,
  ): Promise<boolean> {
    const rows = await db(manager)
      .updateTable('delivery')
      .set((eb) => ({
        status: 'failed',
        error,
        message_id: eb.fn.coalesce(eb.val(messageId), 'message_id'),
        updated_at: sql<Date>`now()`,
      }))
      .where('tenant_id', '=', tenantId)
      .where('id', '=', id)
      .where('status', 'in', ['pending', 'sending'])
      .returning('id')
      .execute();
    return rows.length > 0;
  }

  /**
   * Unfinished messages last touched before `before` and held by no live claim (a claimed one is
   * being sent, by its job or a batch): the sweep makes sure each has a send job.
   */
  async unfinished(
    manager: EntityManager,
    tenantId: string,
    before: Date,
    limit: number,
  ): Promise<{ id: string; status: DeliveryStatus }[]> {
    const rows = await db(manager)
      .selectFrom('delivery')
      .select(['id', 'status'])
      .where('tenant_id', '=', tenantId)
      .where('status', 'in', ['pending', 'sending'])
      .where('updated_at', '<', before)
      .where((eb) =>
        eb.or([
          eb('status', '=', 'pending'),
          eb('claimed_until', 'is', null),
          eb('claimed_until', '<=', sql<Date>`now()`),
        ]),
      )
      .orderBy('updated_at')
      .limit(limit)
      .execute();
    return rows.map((row) => ({ id: row.id, status: row.status as DeliveryStatus }));
  }

  /** A participant was erased: unsent messages to them are dropped, sent ones keep no address. */
  async eraseParticipant(manager: EntityManager, tenantId: string, participantId: string): Promise<void> {
    const unsent = sql<boolean>`status IN ('pending', 'sending')`;
    await db(manager)
      .updateTable('delivery')
      .set({
        status: sql<string>`CASE WHEN ${unsent} THEN 'cancelled' ELSE status END`,
        error: sql<string>`CASE WHEN ${unsent} THEN 'participant erased' ELSE replace(error, recipient, '***') END`,
        recipient: sql<string>`'erased:' || id::text`,
        recipient_masked: '***',
        recipient_name: null,
        context: jsonb({}),
        calendar: null,
        updated_at: sql<Date>`now()`,
      })
      .where('tenant_id', '=', tenantId)
      .where('participant_id', '=', participantId)
      .execute();
  }

  /** Newest first, keyset-paginated on the (time-ordered) id. */
  async page(
    manager: EntityManager,
    tenantId: string,
    filter: {
      status?: DeliveryStatus;
      template?: string;
      registrationId?: string;
      before?: string;
      limit: number;
    },
  ): Promise<DeliveryPage> {
    let query = db(manager).selectFrom('delivery').selectAll().where('tenant_id', '=', tenantId);
    if (filter.status) query = query.where('status', '=', filter.status);
    if (filter.template) query = query.where('template', '=', filter.template);
    if (filter.registrationId) query = query.where('registration_id', '=', filter.registrationId);
    if (filter.before) query = query.where('id', '<', filter.before);
    // The row as the table types it; its jsonb and enum-like text columns narrowed to DeliveryRow's.
    const rows = (await query
      .orderBy('id', 'desc')
      .limit(filter.limit + 1)
      .execute()) as DeliveryRow[];
    const items = rows.slice(0, filter.limit);
    return { items, nextCursor: rows.length > filter.limit ? items[items.length - 1].id : null };
  }

  async exists(
    manager: EntityManager,
    tenantId: string,
    causeId: string,
    template: TemplateKey,
  ): Promise<boolean> {
    const row = await db(manager)
      .selectFrom('delivery')
      .select('id')
      .where('tenant_id', '=', tenantId)
      .where('cause_id', '=', causeId)
      .where('template', '=', template)
      .limit(1)
      .executeTakeFirst();
    return row !== undefined;
  }
}
