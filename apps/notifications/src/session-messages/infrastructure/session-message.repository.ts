import { Injectable } from '@nestjs/common';
import { Selectable } from 'kysely';
import { EntityManager } from 'typeorm';
import { SessionMessage } from '../../infrastructure/database';
import { camelRow } from '@respire/tenancy';
import { db } from '../../infrastructure/db';
import { Audience } from '../domain/session-message';

export interface StoredSessionMessage {
  id: string;
  sessionId: string;
  requestHash: string;
  subject: string;
  audience: Audience[];
  recipients: number;
  createdAt: Date;
}

/** A message as its sender sees it again: no body, no key. */
const COLUMNS = [
  'id',
  'session_id',
  'request_hash',
  'subject',
  'audience',
  'recipients',
  'created_at',
] as const;

const toStored = (row: Pick<Selectable<SessionMessage>, (typeof COLUMNS)[number]>): StoredSessionMessage =>
  camelRow(row);
/** Coordinators' messages to a session's participants, one per Idempotency-Key. */
@Injectable()
export class SessionMessageRepository {
  /** True when this call wrote it; false when the key already named a message (a retry, or a concurrent twin). */
  async claim(
    manager: EntityManager,
    message: {
      tenantId: string;
      id: string;
      sessionId: string;
      key: string;
      hash: string;
      subject: string;
      body: string;
      audience: Audience[];
      sentBy: string;
      now: Date;
    },
  ): Promise<boolean> {
    const rows = await db(manager)
      .insertInto('session_message')
      .values({
        tenant_id: message.tenantId,
        id: message.id,
        session_id: message.sessionId,
        idempotency_key: message.key,
        request_hash: message.hash,
        subject: message.subject,
        body: message.body,
        audience: message.audience,
        sent_by: message.sentBy,
        created_at: message.now,
      })
      // No conflict target: the id is derived from the key, so a concurrent twin collides on the
      // primary key as well, and a targeted DO NOTHING would let that one raise (a 500).
      .onConflict((conflict) => conflict.doNothing())
      .returning('id')
      .execute();
    return rows.length > 0;
  }

  async byKey(manager: EntityManager, tenantId: string, key: string): Promise<StoredSessionMessage | null> {
    const row = await db(manager)
      .selectFrom('session_message')
      .select(COLUMNS)
      .where('tenant_id', '=', tenantId)
      .where('idempotency_key', '=', key)
      .executeTakeFirst();
    return row ? toStored(row) : null;
  }

  async setRecipients(
    manager: EntityManager,
    tenantId: string,
    id: string,
    recipients: number,
  ): Promise<void> {
    await db(manager)
      .updateTable('session_message')
      .set({ recipients })
      .where('tenant_id', '=', tenantId)
      .where('id', '=', id)
      .execute();
  }

  async bySession(
    manager: EntityManager,
    tenantId: string,
    sessionId: string,
  ): Promise<StoredSessionMessage[]> {
    const rows = await db(manager)
      .selectFrom('session_message')
      .select(COLUMNS)
      .where('tenant_id', '=', tenantId)
      .where('session_id', '=', sessionId)
      .orderBy('created_at', 'desc')
      .limit(100)
      .execute();
    return rows.map(toStored);
  }
}
