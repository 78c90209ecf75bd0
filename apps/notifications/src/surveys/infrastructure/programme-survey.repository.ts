import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

export interface ProgrammeSurvey {
  surveyId: string;
  programmeId: string;
  wave: 'before' | 'after' | null;
  title: string;
  url: string;
  opensOn: string;
  closesOn: string;
}

/** Which programme each session belongs to, and the surveys published for a programme. */
@Injectable()
export class ProgrammeSurveyRepository {
  async recordSession(
    manager: EntityManager,
    tenantId: string,
    sessionId: string,
    programmeId: string | null,
  ): Promise<void> {
    if (programmeId === null) {
      await manager.query(`DELETE FROM session_programme WHERE tenant_id = $1 AND session_id = $2`, [
        tenantId,
        sessionId,
      ]);
      return;
    }
    await manager.query(
      `INSERT INTO session_programme (tenant_id, session_id, programme_id) VALUES ($1, $2, $3)
       ON CONFLICT (tenant_id, session_id) DO UPDATE SET programme_id = EXCLUDED.programme_id`,
      [tenantId, sessionId, programmeId],
    );
  }

  /** A published survey is frozen: a redelivered event writes the same row. */
  async recordSurvey(manager: EntityManager, tenantId: string, survey: ProgrammeSurvey): Promise<void> {
    await manager.query(
      `INSERT INTO programme_survey (tenant_id, survey_id, programme_id, wave, title, url, opens_on, closes_on)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (tenant_id, survey_id) DO NOTHING`,
      [
        tenantId,
        survey.surveyId,
        survey.programmeId,
        survey.wave,
        survey.title,
        survey.url,
        survey.opensOn,
        survey.closesOn,
      ],
    );
  }

  /**
   * The survey a feedback request about this session points to: one of its programme's surveys
   * open on `day` (local date), the "after" wave first (the session is behind the participant),
   * then the one that opened last.
   */
  async openForSession(
    manager: EntityManager,
    tenantId: string,
    sessionId: string,
    day: string,
  ): Promise<ProgrammeSurvey | null> {
    const rows: Record<string, unknown>[] = await manager.query(
      `SELECT ps.survey_id, ps.programme_id, ps.wave, ps.title, ps.url, ps.opens_on::text, ps.closes_on::text
         FROM session_programme sp
         JOIN programme_survey ps ON ps.tenant_id = sp.tenant_id AND ps.programme_id = sp.programme_id
        WHERE sp.tenant_id = $1 AND sp.session_id = $2 AND ps.opens_on <= $3::date AND ps.closes_on >= $3::date
        ORDER BY (ps.wave = 'after') DESC NULLS LAST, ps.opens_on DESC, ps.survey_id
        LIMIT 1`,
      [tenantId, sessionId, day],
    );
    const row = rows[0];
    if (!row) return null;
    return {
      surveyId: row.survey_id as string,
      programmeId: row.programme_id as string,
      wave: row.wave as ProgrammeSurvey['wave'],
      title: row.title as string,
      url: row.url as string,
      opensOn: row.opens_on as string,
      closesOn: row.closes_on as string,
    };
  }
}
