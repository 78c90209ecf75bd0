import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

export interface StoredAnswer {
  status: number;
  body: unknown;
}

export type IdempotencyClaim =
  { kind: 'new' } | { kind: 'replay'; requestHash: string; answer: StoredAnswer | null };

/**
 * Idempotency keys per tenant and scope. Claiming a key inserts it in the caller's transaction:
 * a concurrent request with the same key waits on the primary key until the first one commits
 * (then it reads the stored answer) or rolls back (then it proceeds as the first). Only answers of
 * committed work are stored, so a refused request can be retried with the same key.
 */
@Injectable()
export class IdempotencyRepository {
  async claim(
    manager: EntityManager,
    tenantId: string,
    scope: string,
    key: string,
    requestHash: string,
    now: Date,
  ): Promise<IdempotencyClaim> {
    const inserted: unknown[] = await manager.query(
      `INSERT INTO idempotency_key (tenant_id, scope, key, request_hash, created_at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT DO NOTHING RETURNING key`,
      [tenantId, scope, key, requestHash, now],
    );
    if (inserted.length > 0) return { kind: 'new' };
    const rows: { request_hash: string; response_status: number | null; response_body: unknown }[] =
      await manager.query(
        `SELECT request_hash, response_status, response_body FROM idempotency_key WHERE tenant_id = $1 AND scope = $2 AND key = $3`,
        [tenantId, scope, key],
      );
    const row = rows[0];
    return {
      kind: 'replay',
      requestHash: row.request_hash,
      answer: row.response_status === null ? null : { status: row.response_status, body: row.response_body },
    };
  }

  async saveAnswer(
    manager: EntityManager,
    tenantId: string,
    scope: string,
    key: string,
    answer: StoredAnswer,
  ): Promise<void> {
    await manager.query(
      `UPDATE idempotency_key SET response_status = $4, response_body = $5::jsonb WHERE tenant_id = $1 AND scope = $2 AND key = $3`,
      [tenantId, scope, key, answer.status, JSON.stringify(answer.body)],
    );
  }

  /** Keys are kept long enough for any client retry, then forgotten. */
  async purgeOlderThan(manager: EntityManager, tenantId: string, before: Date): Promise<number> {
    const result: [unknown[], number] = await manager.query(
      `DELETE FROM idempotency_key WHERE tenant_id = $1 AND created_at < $2`,
      [tenantId, before],
    );
    return result[1];
  }
}
