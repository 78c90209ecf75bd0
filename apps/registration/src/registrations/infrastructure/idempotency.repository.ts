import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { jsonb } from '@respire/tenancy';
import { db } from '../../infrastructure/db';

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
    const inserted = await db(manager)
      .insertInto('idempotency_key')
      .values({ tenant_id: tenantId, scope, key, request_hash: requestHash, created_at: now })
      .onConflict((conflict) => conflict.doNothing())
      .returning('key')
      .executeTakeFirst();
    if (inserted) return { kind: 'new' };
    const row = await db(manager)
      .selectFrom('idempotency_key')
      .select(['request_hash', 'response_status', 'response_body'])
      .where('tenant_id', '=', tenantId)
      .where('scope', '=', scope)
      .where('key', '=', key)
      .executeTakeFirstOrThrow();
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
    await db(manager)
      .updateTable('idempotency_key')
      .set({ response_status: answer.status, response_body: jsonb(answer.body) })
      .where('tenant_id', '=', tenantId)
      .where('scope', '=', scope)
      .where('key', '=', key)
      .execute();
  }

  /** Keys are kept long enough for any client retry, then forgotten. */
  async purgeOlderThan(manager: EntityManager, tenantId: string, before: Date): Promise<number> {
    const { numDeletedRows } = await db(manager)
      .deleteFrom('idempotency_key')
      .where('tenant_id', '=', tenantId)
      .where('created_at', '<', before)
      .executeTakeFirst();
    return Number(numDeletedRows);
  }
}
