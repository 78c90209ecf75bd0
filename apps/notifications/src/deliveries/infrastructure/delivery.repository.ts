import { DeliveryCauseKind } from '@respire/contracts';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { maskEmail } from '@respire/platform';
import { returnedRows } from '../../infrastructure/sql';
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
   * Starts an attempt in one round trip (delivery_claim): the row as found, marked `sending`
   * and its attempt counted, with the tenant's settings row and template override. Null when
   * the row is missing or finished.
   */
  async claim(
    queryable: { query: EntityManager['query'] },
    tenantId: string,
    id: string,
  ): Promise<{ row: DeliveryRow; tenant: TenantRow | null; override: TemplateSource | null } | null> {
    const rows: {
      claim: { delivery: DeliveryRow; tenant: TenantRow | null; override: TemplateSource | null } | null;
    }[] = await queryable.query(`SELECT delivery_claim($1, $2) AS claim`, [tenantId, id]);
    const claim = rows[0]?.claim;
    if (!claim) return null;
    const row = claim.delivery;
    const date = (value: unknown) => (value === null ? null : new Date(value as string));
    return {
      row: {
        ...row,
        created_at: date(row.created_at)!,
        updated_at: date(row.updated_at)!,
        sent_at: date(row.sent_at),
      },
      tenant: claim.tenant,
      override: claim.override,
    };
  }

  /**
   * Marks an attempt in progress as sent and adds its event to the outbox, in one round trip
   * (see the delivery_mark_sent migration). `event` is an outbox row built like Outbox.add does.
   */
  async markSentWithEvent(
    queryable: { query: EntityManager['query'] },
    tenantId: string,
    id: string,
    providerMessageId: string,
    messageId: string,
    event: {
      id: string;
      topic: string;
      key: string;
      type: string;
      payload: unknown;
      headers: Record<string, string>;
    },
  ): Promise<boolean> {
    const rows: { marked: boolean }[] = await queryable.query(
      `SELECT delivery_mark_sent($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9::jsonb, $10) AS marked`,
      [
        tenantId,
        id,
        providerMessageId,
        event.id,
        event.topic,
        event.key,
        event.type,
        JSON.stringify(event.payload),
        JSON.stringify(event.headers),
        messageId,
      ],
    );
    return rows[0]?.marked === true;
  }

  async markRetrying(manager: EntityManager, tenantId: string, id: string, error: string): Promise<void> {
    await manager.query(
      `UPDATE delivery SET status = 'pending', error = $3, updated_at = now()
        WHERE tenant_id = $1 AND id = $2 AND status = 'sending'`,
      [tenantId, id, error],
    );
  }

  async markFailed(
    manager: EntityManager,
    tenantId: string,
    id: string,
    error: string,
    messageId: string | null = null,
  ): Promise<boolean> {
    const result: unknown = await manager.query(
      `UPDATE delivery SET status = 'failed', error = $3, message_id = coalesce($4, message_id), updated_at = now()
        WHERE tenant_id = $1 AND id = $2 AND status IN ('pending', 'sending') RETURNING id`,
      [tenantId, id, error, messageId],
    );
    return returnedRows(result).length > 0;
  }

  /** Unfinished messages last touched before `before`: the sweep makes sure each has a send job. */
  async unfinished(
    manager: EntityManager,
    tenantId: string,
    before: Date,
    limit: number,
  ): Promise<{ id: string; status: DeliveryStatus }[]> {
    return manager.query(
      `SELECT id, status FROM delivery
        WHERE tenant_id = $1 AND status IN ('pending', 'sending') AND updated_at < $2
        ORDER BY updated_at LIMIT $3`,
      [tenantId, before, limit],
    );
  }

  /** A participant was erased: unsent messages to them are dropped, sent ones keep no address. */
  async eraseParticipant(manager: EntityManager, tenantId: string, participantId: string): Promise<void> {
    await manager.query(
      `UPDATE delivery SET
         status = CASE WHEN status IN ('pending', 'sending') THEN 'cancelled' ELSE status END,
         error = CASE WHEN status IN ('pending', 'sending') THEN 'participant erased' ELSE replace(error, recipient, '***') END,
         recipient = 'erased:' || id::text, recipient_masked = '***', recipient_name = NULL,
         context = '{}'::jsonb, calendar = NULL, updated_at = now()
        WHERE tenant_id = $1 AND participant_id = $2`,
      [tenantId, participantId],
    );
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
    const rows: DeliveryRow[] = await manager.query(
      `SELECT * FROM delivery
        WHERE tenant_id = $1
          AND ($2::text IS NULL OR status = $2) AND ($3::text IS NULL OR template = $3)
          AND ($4::uuid IS NULL OR registration_id = $4) AND ($5::uuid IS NULL OR id < $5)
        ORDER BY id DESC
        LIMIT $6`,
      [
        tenantId,
        filter.status ?? null,
        filter.template ?? null,
        filter.registrationId ?? null,
        filter.before ?? null,
        filter.limit + 1,
      ],
    );
    const items = rows.slice(0, filter.limit);
    return { items, nextCursor: rows.length > filter.limit ? items[items.length - 1].id : null };
  }

  async exists(
    manager: EntityManager,
    tenantId: string,
    causeId: string,
    template: TemplateKey,
  ): Promise<boolean> {
    const rows: unknown[] = await manager.query(
      `SELECT 1 FROM delivery WHERE tenant_id = $1 AND cause_id = $2 AND template = $3 LIMIT 1`,
      [tenantId, causeId, template],
    );
    return rows.length > 0;
  }
}
