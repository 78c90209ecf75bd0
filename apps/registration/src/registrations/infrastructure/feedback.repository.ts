import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

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
    const rows: unknown[] = await manager.query(
      `INSERT INTO feedback_given_mark (tenant_id, mark) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING 1`,
      [tenantId, mark],
    );
    return rows.length === 1;
  }

  async isMarkedGiven(manager: EntityManager, tenantId: string, mark: Buffer): Promise<boolean> {
    const rows: unknown[] = await manager.query(
      `SELECT 1 FROM feedback_given_mark WHERE tenant_id = $1 AND mark = $2`,
      [tenantId, mark],
    );
    return rows.length === 1;
  }

  async addPending(manager: EntityManager, tenantId: string, feedback: SealedFeedback): Promise<void> {
    await manager.query(
      `INSERT INTO feedback_pending (tenant_id, id, session_id, sealed) VALUES ($1, $2, $3, $4)`,
      [tenantId, feedback.id, feedback.sessionId, feedback.sealed],
    );
  }

  /** Everything waiting to be released, locked for this transaction. */
  async lockPending(manager: EntityManager, tenantId: string): Promise<SealedFeedback[]> {
    const rows: { id: string; session_id: string; sealed: Buffer }[] = await manager.query(
      `SELECT id, session_id, sealed FROM feedback_pending WHERE tenant_id = $1 FOR UPDATE`,
      [tenantId],
    );
    return rows.map((row) => ({ id: row.id, sessionId: row.session_id, sealed: row.sealed }));
  }

  async removePending(manager: EntityManager, tenantId: string, ids: string[]): Promise<void> {
    await manager.query(`DELETE FROM feedback_pending WHERE tenant_id = $1 AND id = ANY($2::uuid[])`, [
      tenantId,
      ids,
    ]);
  }

  async insert(manager: EntityManager, tenantId: string, feedback: NewFeedback): Promise<void> {
    await manager.query(
      `INSERT INTO feedback (tenant_id, id, session_id, activity_id, rating, comment, quote_consent, submitted_on)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [
        tenantId,
        feedback.id,
        feedback.sessionId,
        feedback.activityId,
        feedback.rating,
        feedback.comment,
        feedback.quoteConsent,
        feedback.submittedOn,
      ],
    );
  }
}
