import { Inject, Injectable } from '@nestjs/common';
import { DateTime } from 'luxon';
import { Outbox } from '@respire/messaging';
import { CLOCK, Clock } from '@respire/platform';
import {
  DirectoryTenant,
  TenantDirectoryRepository,
} from '../../../tenants/infrastructure/tenant-directory.repository';
import {
  acceptsAnswersOn,
  InvalidResponseError,
  Survey,
  SurveyClosedError,
  SurveyNotFoundError,
} from '../../domain/survey';
import { responseSubmitted } from '../../domain/survey-events';
import { parseResponse, PostedResponse } from '../../domain/survey-response';
import { SurveyRepository } from '../../infrastructure/survey.repository';

export interface PublicSurvey {
  tenant: { name: string; slug: string };
  survey: Survey;
  open: boolean;
}

/**
 * The public side of a survey: what its page shows, and an answer. Nothing about the person is
 * received or kept: the answer is stored with the day only, under a random id, and its event
 * says only that a response arrived that day. One answer per person is asked for on the page,
 * not enforced (enforcing it would need something that recognises the person).
 */
@Injectable()
export class AnswerSurveyUseCase {
  constructor(
    private readonly surveys: SurveyRepository,
    private readonly directory: TenantDirectoryRepository,
    private readonly outbox: Outbox,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async show(slug: string, surveyId: string): Promise<PublicSurvey> {
    const tenant = await this.tenantOf(slug);
    const survey = await this.surveys.inTenant(tenant.tenantId, (manager) =>
      this.surveys.find(manager, surveyId),
    );
    if (!survey || survey.status !== 'published') throw new SurveyNotFoundError();
    return {
      tenant: { name: tenant.name, slug },
      survey,
      open: acceptsAnswersOn(survey, this.today(tenant)),
    };
  }

  async answer(slug: string, surveyId: string, posted: PostedResponse): Promise<void> {
    const tenant = await this.tenantOf(slug);
    const day = this.today(tenant);
    await this.surveys.inTenant(tenant.tenantId, async (manager) => {
      const survey = await this.surveys.find(manager, surveyId);
      if (!survey || survey.status !== 'published') throw new SurveyNotFoundError();
      if (!acceptsAnswersOn(survey, day)) throw new SurveyClosedError(survey.opensOn, survey.closesOn);
      const parsed = parseResponse(survey.content, posted);
      if (!parsed.ok) throw new InvalidResponseError(parsed.errors);
      await this.surveys.addResponse(manager, survey, parsed.response, day);
      await this.outbox.add(manager, responseSubmitted(survey, day, tenant.timezone));
    });
  }

  private async tenantOf(slug: string): Promise<DirectoryTenant> {
    const tenant = await this.directory.bySlug(slug);
    if (!tenant) throw new SurveyNotFoundError();
    return tenant;
  }

  private today(tenant: DirectoryTenant): string {
    return DateTime.fromJSDate(this.clock.now()).setZone(tenant.timezone).toISODate()!;
  }
}
