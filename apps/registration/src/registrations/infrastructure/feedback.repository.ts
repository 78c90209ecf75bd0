import { Injectable } from '@nestjs/common';
import { sql } from 'kysely';
import { EntityManager } from 'typeorm';
import { camelRow, snakeRow } from '@respire/tenancy';
import { db } from '../../infrastructure/db';

export interface NewFeedback {
  id: string;
  sessionId: string;
  activityId: string;
  rating: number;
  comment: string | null;
  quoteConsent: boolean;
  /** The day its batch was released (tenant's local date): never the moment it was given. */
  submittedOn: string;
}

export interface SealedFeedback {
  id: string;
  sessionId: string;
  sealed: Buffer;
}

/**
 * Feedback, stored apart from identity: nothing here leads back to a registration or a
 * participant (see SubmitFeedbackUseCase for how, and what is left).
 */
@Injectable()
export class FeedbackRepository {
  /** Records that a registration gave feedback, by its keyed mark; false if it already had. */
  async markGiven(manager: EntityManager, tenantId: string, mark: Buffer): Promise<boolean> {
    const inserted = await db(manager)
      .insertInto('feedback_given_mark')
      .values({ tenant_id: tenantId, mark })
      .onConflict((conflict) => conflict.doNothing())
      .returning(sql<number>`1`.as('given'))
      .executeTakeFirst();
    return inserted !== undefined;
  }

  async isMarkedGiven(manager: EntityManager, tenantId: string, mark: Buffer): Promise<boolean> {
    const row = await db(manager)
      .selectFrom('feedback_given_mark')
      .select(sql<number>`1`.as('given'))
      .where('tenant_id', '=', tenantId)
      .where('mark', '=', mark)
      .executeTakeFirst();
    return row !== undefined;
  }

  async addPending(manager: EntityManager, tenantId: string, feedback: SealedFeedback): Promise<void> {
    await db(manager)
      .insertInto('feedback_pending')
      .values({ tenant_id: tenantId, ...snakeRow(feedback) })
      .execute();
  }

  /** Everything waiting to be released, locked for this transaction. */
  async lockPending(manager: EntityManager, tenantId: string): Promise<SealedFeedback[]> {
    const rows = await db(manager)
      .selectFrom('feedback_pending')
      .select(['id', 'session_id', 'sealed'])
      .where('tenant_id', '=', tenantId)
      .forUpdate()
      .execute();
    return rows.map((row): SealedFeedback => camelRow(row));
  }

  async removePending(manager: EntityManager, tenantId: string, ids: string[]): Promise<void> {
    await db(manager)
      .deleteFrom('feedback_pending')
      .where('tenant_id', '=', tenantId)
      .where('id', '=', sql<string>`ANY(${ids}::uuid[])`)
      .execute();
  }

  async insert(manager: EntityManager, tenantId: string, feedback: NewFeedback): Promise<void> {
    await db(manager)
      .insertInto('feedback')
      .values({ tenant_id: tenantId, ...snakeRow(feedback) })
      .execute();
  }
}
