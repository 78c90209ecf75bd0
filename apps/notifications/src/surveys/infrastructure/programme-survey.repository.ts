import { Injectable } from '@nestjs/common';
import { sql } from 'kysely';
import { EntityManager } from 'typeorm';
import { camelRow, snakeRow } from '@respire/tenancy';
import { db } from '../../infrastructure/db';

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
      await db(manager)
        .deleteFrom('session_programme')
        .where('tenant_id', '=', tenantId)
        .where('session_id', '=', sessionId)
        .execute();
      return;
    }
    await db(manager)
      .insertInto('session_programme')
      .values({ tenant_id: tenantId, session_id: sessionId, programme_id: programmeId })
      .onConflict((conflict) =>
        conflict
          .columns(['tenant_id', 'session_id'])
          .doUpdateSet((eb) => ({ programme_id: eb.ref('excluded.programme_id') })),
      )
      .execute();
  }

  /** A published survey is frozen: a redelivered event writes the same row. */
  async recordSurvey(manager: EntityManager, tenantId: string, survey: ProgrammeSurvey): Promise<void> {
    await db(manager)
      .insertInto('programme_survey')
      .values({ tenant_id: tenantId, ...snakeRow(survey) })
      .onConflict((conflict) => conflict.columns(['tenant_id', 'survey_id']).doNothing())
      .execute();
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
    const date = sql<Date>`${day}::date`;
    const row = await db(manager)
      .selectFrom('session_programme as sp')
      .innerJoin('programme_survey as ps', (join) =>
        join.onRef('ps.tenant_id', '=', 'sp.tenant_id').onRef('ps.programme_id', '=', 'sp.programme_id'),
      )
      .select([
        'ps.survey_id',
        'ps.programme_id',
        'ps.wave',
        'ps.title',
        'ps.url',
        sql<string>`ps.opens_on::text`.as('opens_on'),
        sql<string>`ps.closes_on::text`.as('closes_on'),
      ])
      .where('sp.tenant_id', '=', tenantId)
      .where('sp.session_id', '=', sessionId)
      .where('ps.opens_on', '<=', date)
      .where('ps.closes_on', '>=', date)
      .orderBy(sql`ps.wave = 'after'`, (order) => order.desc().nullsLast())
      .orderBy('ps.opens_on', 'desc')
      .orderBy('ps.survey_id')
      .limit(1)
      .executeTakeFirst();
    return row ? camelRow(row) : null;
  }
}
