import { Inject, Injectable } from '@nestjs/common';
import { Outbox } from '@respire/messaging';
import { DomainError, RequestContext, surveyPagePath } from '@respire/platform';
import { REPORTING_CONFIG, ReportingEnv } from '../../../config/env.schema';
import { TenantDirectoryRepository } from '../../../tenants/infrastructure/tenant-directory.repository';
import { assertEditable, Survey, SurveyNotFoundError } from '../../domain/survey';
import { surveyPublished } from '../../domain/survey-events';
import { SurveyRepository } from '../../infrastructure/survey.repository';

export class TenantNotKnownYetError extends DomainError {
  constructor() {
    super(
      'tenant_not_known_yet',
      'La CPTS n’est pas encore connue du service : réessayez dans quelques secondes.',
      409,
    );
  }
}

/** Publishes a draft at its public link; from then on its questions are frozen. */
@Injectable()
export class PublishSurveyUseCase {
  constructor(
    private readonly surveys: SurveyRepository,
    private readonly directory: TenantDirectoryRepository,
    private readonly outbox: Outbox,
    @Inject(REPORTING_CONFIG) private readonly config: ReportingEnv,
  ) {}

  async execute(tenantId: string, surveyId: string): Promise<Survey & { url: string }> {
    const tenant = await this.directory.byId(tenantId);
    // The public link needs the CPTS's slug, which reporting learns from catalog's events.
    if (!tenant?.slug) throw new TenantNotKnownYetError();
    return this.surveys.inTenant(tenantId, async (manager) => {
      const survey = await this.surveys.find(manager, surveyId, { forUpdate: true });
      if (!survey) throw new SurveyNotFoundError();
      assertEditable(survey);
      const published: Survey = { ...survey, status: 'published' };
      await this.surveys.update(manager, published);
      const url = `${this.config.PUBLIC_BASE_URL}${surveyPagePath(tenant.slug!, surveyId)}`;
      await this.outbox.add(manager, surveyPublished(published, url, RequestContext.correlationId()));
      return { ...published, url };
    });
  }
}
