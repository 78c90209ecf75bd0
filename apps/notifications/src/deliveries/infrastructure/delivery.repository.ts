import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { maskEmail } from '@respire/platform';
import { returnedRows } from '../../infrastructure/sql';
import { CalendarSpec, DeliveryRequest, DeliveryStatus } from '../domain/delivery';
import { TemplateKey } from '../../templates/domain/template-key';

export type CauseKind = 'event' | 'reminder' | 'feedback-request' | 'facilitator-digest' | 'coordinator-message';

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
    const id = uuidv7();
    const rows: { id: string }[] = await manager.query(
      `INSERT INTO delivery (tenant_id, id, cause_id, cause_kind, correlation_id, template, recipient, recipient_masked,
                             recipient_name, registration_id, participant_id, session_id, context, calendar)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13::jsonb, $14::jsonb)
       ON CONFLICT ON CONSTRAINT delivery_once_per_cause_template_recipient DO NOTHING
       RETURNING id`,
      [
        request.tenantId,
        id,
        request.causeId,
        request.causeKind,
        request.correlationId,
        request.template,
        request.recipient,
        maskEmail(request.recipient),
        request.recipientName,
        request.registrationId,
        request.participantId,
        request.sessionId,
        JSON.stringify(request.context),
        request.calendar ? JSON.stringify(request.calendar) : null,
      ],
    );
    return rows[0]?.id ?? null;
  }

  async findForUpdate(manager: EntityManager, tenantId: string, id: string): Promise<DeliveryRow | null> {
    const rows: DeliveryRow[] = await manager.query(
      `SELECT * FROM delivery WHERE tenant_id = $1 AND id = $2 FOR UPDATE`,
      [tenantId, id],
    );
    return rows[0] ?? null;
  }

  /** The attempt starts: counted, and marked so that a crash during the send is seen by the next attempt. */
  async markSending(
    manager: EntityManager,
    tenantId: string,
    id: string,
    messageId: string,
    interrupted: boolean,
  ): Promise<void> {
    await manager.query(
      `UPDATE delivery SET status = 'sending', attempts = attempts + 1, message_id = $3,
              interrupted_attempts = interrupted_attempts + $4, updated_at = now()
        WHERE tenant_id = $1 AND id = $2`,
      [tenantId, id, messageId, interrupted ? 1 : 0],
    );
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
      `SELECT delivery_mark_sent($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9::jsonb) AS marked`,
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

  async markFailed(manager: EntityManager, tenantId: string, id: string, error: string): Promise<boolean> {
    const result: unknown = await manager.query(
      `UPDATE delivery SET status = 'failed', error = $3, updated_at = now()
        WHERE tenant_id = $1 AND id = $2 AND status IN ('pending', 'sending') RETURNING id`,
      [tenantId, id, error],
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
