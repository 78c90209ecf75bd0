import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
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

interface Row {
  id: string;
  session_id: string;
  request_hash: string;
  subject: string;
  audience: Audience[];
  recipients: number;
  created_at: Date;
}

const toStored = (row: Row): StoredSessionMessage => ({
  id: row.id,
  sessionId: row.session_id,
  requestHash: row.request_hash,
  subject: row.subject,
  audience: row.audience,
  recipients: row.recipients,
  createdAt: row.created_at,
});

/** Coordinators' messages to a session's participants, one per Idempotency-Key. */
@Injectable()
export class SessionMessageRepository {
  /** True when this call wrote it; false when the key already named a message (a retry, or a concurrent twin). */
  async claim(
    manager: EntityManager,
    message: { tenantId: string; id: string; sessionId: string; key: string; hash: string; subject: string; body: string; audience: Audience[]; sentBy: string; now: Date },
  ): Promise<boolean> {
    const rows: unknown[] = await manager.query(
      `INSERT INTO session_message (tenant_id, id, session_id, idempotency_key, request_hash, subject, body, audience, sent_by, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8::text[], $9, $10)
       ON CONFLICT (tenant_id, idempotency_key) DO NOTHING RETURNING id`,
      [message.tenantId, message.id, message.sessionId, message.key, message.hash, message.subject, message.body, message.audience, message.sentBy, message.now],
    );
    return rows.length > 0;
  }

  async byKey(manager: EntityManager, tenantId: string, key: string): Promise<StoredSessionMessage | null> {
    const rows: Row[] = await manager.query(`SELECT * FROM session_message WHERE tenant_id = $1 AND idempotency_key = $2`, [tenantId, key]);
    return rows[0] ? toStored(rows[0]) : null;
  }

  async setRecipients(manager: EntityManager, tenantId: string, id: string, recipients: number): Promise<void> {
    await manager.query(`UPDATE session_message SET recipients = $3 WHERE tenant_id = $1 AND id = $2`, [tenantId, id, recipients]);
  }

  async bySession(manager: EntityManager, tenantId: string, sessionId: string): Promise<StoredSessionMessage[]> {
    const rows: Row[] = await manager.query(
      `SELECT * FROM session_message WHERE tenant_id = $1 AND session_id = $2 ORDER BY created_at DESC LIMIT 100`,
      [tenantId, sessionId],
    );
    return rows.map(toStored);
  }
}
