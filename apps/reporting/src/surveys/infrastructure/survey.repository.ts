import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { runInRegionTransaction, runInTenantTransaction } from '@respire/tenancy';
import { Survey } from '../domain/survey';
import { SurveyAnswers } from '../domain/survey-response';

const SURVEY_COLUMNS = `tenant_id AS "tenantId", survey_id AS "surveyId", template, content, programme_id AS "programmeId", wave,
  to_char(opens_on, 'YYYY-MM-DD') AS "opensOn", to_char(closes_on, 'YYYY-MM-DD') AS "closesOn", status,
  to_char(created_on, 'YYYY-MM-DD') AS "createdOn"`;

export interface StoredResponse extends SurveyAnswers {
  tenantId: string;
}

/** Surveys and their anonymous responses (row-level security: a tenant, or a funder's region). */
@Injectable()
export class SurveyRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  inTenant<T>(tenantId: string, work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return runInTenantTransaction(this.dataSource, tenantId, work);
  }

  inRegion<T>(region: string, work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return runInRegionTransaction(this.dataSource, region, work);
  }

  async insert(manager: EntityManager, survey: Survey): Promise<void> {
    await manager.query(
      `INSERT INTO survey (tenant_id, survey_id, template, content, programme_id, wave, opens_on, closes_on, status, created_on)
       VALUES ($1, $2, $3, $4::jsonb, $5, $6, $7, $8, $9, $10)`,
      [
        survey.tenantId,
        survey.surveyId,
        survey.template,
        JSON.stringify(survey.content),
        survey.programmeId,
        survey.wave,
        survey.opensOn,
        survey.closesOn,
        survey.status,
        survey.createdOn,
      ],
    );
  }

  async update(manager: EntityManager, survey: Survey): Promise<void> {
    await manager.query(
      `UPDATE survey SET content = $3::jsonb, programme_id = $4, wave = $5, opens_on = $6, closes_on = $7, status = $8
       WHERE tenant_id = $1 AND survey_id = $2`,
      [
        survey.tenantId,
        survey.surveyId,
        JSON.stringify(survey.content),
        survey.programmeId,
        survey.wave,
        survey.opensOn,
        survey.closesOn,
        survey.status,
      ],
    );
  }

  async find(
    manager: EntityManager,
    surveyId: string,
    options: { forUpdate?: boolean } = {},
  ): Promise<Survey | null> {
    const rows: Survey[] = await manager.query(
      `SELECT ${SURVEY_COLUMNS} FROM survey WHERE survey_id = $1${options.forUpdate ? ' FOR UPDATE' : ''}`,
      [surveyId],
    );
    return rows[0] ?? null;
  }

  /** What row-level security lets the transaction see: one tenant's surveys, or a region's. */
  async list(
    manager: EntityManager,
    filter: { programmeId?: string; template?: string; publishedOnly?: boolean } = {},
  ): Promise<Survey[]> {
    return manager.query(
      `SELECT ${SURVEY_COLUMNS} FROM survey
       WHERE ($1::uuid IS NULL OR programme_id = $1) AND ($2::text IS NULL OR template = $2) AND (NOT $3 OR status = 'published')
       ORDER BY opens_on DESC, survey_id`,
      [filter.programmeId ?? null, filter.template ?? null, filter.publishedOnly ?? false],
    );
  }

  async responseCounts(manager: EntityManager): Promise<Map<string, number>> {
    const rows: { surveyId: string; count: string }[] = await manager.query(
      `SELECT survey_id AS "surveyId", count(*) AS count FROM survey_response GROUP BY survey_id`,
    );
    return new Map(rows.map((r) => [r.surveyId, Number(r.count)]));
  }

  /** A response, with a random id and the day only. */
  async addResponse(
    manager: EntityManager,
    survey: Survey,
    response: SurveyAnswers,
    day: string,
  ): Promise<void> {
    await manager.query(
      `INSERT INTO survey_response (tenant_id, survey_id, response_id, submitted_on, answers, profile, quote_consent)
       VALUES ($1, $2, gen_random_uuid(), $3, $4::jsonb, $5::jsonb, $6)`,
      [
        survey.tenantId,
        survey.surveyId,
        day,
        JSON.stringify(response.answers),
        JSON.stringify(response.profile),
        response.quoteConsent,
      ],
    );
  }

  /** The responses of some surveys, in no meaningful order (by their random ids). */
  async responses(manager: EntityManager, surveyIds: string[]): Promise<StoredResponse[]> {
    return manager.query(
      `SELECT tenant_id AS "tenantId", answers, profile, quote_consent AS "quoteConsent"
       FROM survey_response WHERE survey_id = ANY($1::uuid[]) ORDER BY response_id`,
      [surveyIds],
    );
  }
}
