import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

export interface NewFeedback {
  id: string;
  sessionId: string;
  activityId: string;
  rating: number;
  comment: string | null;
  quoteConsent: boolean;
  /** Local date of submission: the day is enough for reports, an instant would help re-identify. */
  submittedOn: string;
}

/** Feedback, stored apart from identity: nothing here leads back to a registration or a participant. */
@Injectable()
export class FeedbackRepository {
  async insert(manager: EntityManager, tenantId: string, feedback: NewFeedback): Promise<void> {
    await manager.query(
      `INSERT INTO feedback (tenant_id, id, session_id, activity_id, rating, comment, quote_consent, submitted_on)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [tenantId, feedback.id, feedback.sessionId, feedback.activityId, feedback.rating, feedback.comment, feedback.quoteConsent, feedback.submittedOn],
    );
  }

  async forSession(manager: EntityManager, tenantId: string, sessionId: string) {
    const rows: { id: string; rating: number; comment: string | null; quote_consent: boolean; submitted_on: string }[] =
      await manager.query(
        `SELECT id, rating, comment, quote_consent, to_char(submitted_on, 'YYYY-MM-DD') AS submitted_on
           FROM feedback WHERE tenant_id = $1 AND session_id = $2 ORDER BY submitted_on, id`,
        [tenantId, sessionId],
      );
    return rows.map((row) => ({
      id: row.id,
      rating: row.rating,
      comment: row.comment,
      quoteConsent: row.quote_consent,
      submittedOn: row.submitted_on,
    }));
  }
}
