import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ExpressionBuilder, sql } from 'kysely';
import { DataSource, EntityManager } from 'typeorm';
import { jsonb, runInRegionTransaction, runInTenantTransaction } from '@respire/tenancy';
import { DB } from '../../infrastructure/database';
import { db } from '../../infrastructure/db';
import { Survey } from '../domain/survey';
import { SurveyAnswers } from '../domain/survey-response';

/** A survey row as the domain's Survey (its dates as YYYY-MM-DD). */
function surveyColumns(eb: ExpressionBuilder<DB, 'survey'>) {
  const day = (column: 'opens_on' | 'closes_on' | 'created_on') =>
    sql<string>`to_char(${eb.ref(column)}, 'YYYY-MM-DD')`;
  return [
    eb.ref('tenant_id').as('tenantId'),
    eb.ref('survey_id').as('surveyId'),
    eb.ref('template').as('template'),
    eb.ref('content').as('content'),
    eb.ref('programme_id').as('programmeId'),
    eb.ref('wave').as('wave'),
    day('opens_on').as('opensOn'),
    day('closes_on').as('closesOn'),
    eb.ref('status').as('status'),
    day('created_on').as('createdOn'),
  ];
}

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
    await db(manager)
      .insertInto('survey')
      .values({
        tenant_id: survey.tenantId,
        survey_id: survey.surveyId,
        template: survey.template,
        ...changeableColumns(survey),
        created_on: survey.createdOn,
      })
      .execute();
  }

  async update(manager: EntityManager, survey: Survey): Promise<void> {
    await db(manager)
      .updateTable('survey')
      .set(changeableColumns(survey))
      .where('tenant_id', '=', survey.tenantId)
      .where('survey_id', '=', survey.surveyId)
      .execute();
  }

  async find(
    manager: EntityManager,
    surveyId: string,
    options: { forUpdate?: boolean } = {},
  ): Promise<Survey | null> {
    const row = await db(manager)
      .selectFrom('survey')
      .select(surveyColumns)
      .where('survey_id', '=', surveyId)
      .$if(options.forUpdate === true, (query) => query.forUpdate())
      .executeTakeFirst();
    return row ?? null;
  }

  /** What row-level security lets the transaction see: one tenant's surveys, or a region's. */
  async list(
    manager: EntityManager,
    filter: { programmeId?: string; template?: string; publishedOnly?: boolean } = {},
  ): Promise<Survey[]> {
    return db(manager)
      .selectFrom('survey')
      .select(surveyColumns)
      .$if(filter.programmeId != null, (query) => query.where('programme_id', '=', filter.programmeId!))
      .$if(filter.template != null, (query) => query.where('template', '=', filter.template!))
      .$if(filter.publishedOnly === true, (query) => query.where('status', '=', 'published'))
      .orderBy('opens_on', 'desc')
      .orderBy('survey_id')
      .execute();
  }

  async responseCounts(manager: EntityManager): Promise<Map<string, number>> {
    const rows = await db(manager)
      .selectFrom('survey_response')
      .select((eb) => ['survey_id', eb.fn.countAll<string>().as('count')])
      .groupBy('survey_id')
      .execute();
    return new Map(rows.map((r) => [r.survey_id, Number(r.count)]));
  }

  /** A response, with a random id and the day only. */
  async addResponse(
    manager: EntityManager,
    survey: Survey,
    response: SurveyAnswers,
    day: string,
  ): Promise<void> {
    await db(manager)
      .insertInto('survey_response')
      .values({
        tenant_id: survey.tenantId,
        survey_id: survey.surveyId,
        response_id: sql<string>`gen_random_uuid()`,
        submitted_on: day,
        answers: jsonb(response.answers),
        profile: jsonb(response.profile),
        quote_consent: response.quoteConsent,
      })
      .execute();
  }

  /** The responses of some surveys, in no meaningful order (by their random ids). */
  async responses(manager: EntityManager, surveyIds: string[]): Promise<StoredResponse[]> {
    return db(manager)
      .selectFrom('survey_response')
      .select(['tenant_id as tenantId', 'answers', 'profile', 'quote_consent as quoteConsent'])
      .where('survey_id', '=', sql<string>`ANY(${surveyIds}::uuid[])`)
      .orderBy('response_id')
      .execute();
  }
}

/** What a draft's changes (and publishing) may write; the template and creation day are fixed. */
function changeableColumns(survey: Survey) {
  return {
    content: jsonb(survey.content),
    programme_id: survey.programmeId,
    wave: survey.wave,
    opens_on: survey.opensOn,
    closes_on: survey.closesOn,
    status: survey.status,
  };
}
