import { Inject, Injectable } from '@nestjs/common';
import { DateTime } from 'luxon';
import { v4 as uuidv4 } from 'uuid';
import { TENANT_DEFAULTS } from '@respire/contracts';
import { DomainError, isUniqueViolation, CLOCK, Clock } from '@respire/platform';
import { TenantDirectoryRepository } from '../../../tenants/infrastructure/tenant-directory.repository';
import { SurveyContent, SurveyWave } from '../../domain/survey-definition';
import { assertEditable, Survey, SurveyNotFoundError, WaveTakenError } from '../../domain/survey';
import { surveyTemplate } from '../../domain/survey-templates';
import { SurveyRepository } from '../../infrastructure/survey.repository';

export interface SurveyDraft {
  /** A template's key: its questions, frozen (so waves and CPTS compare). Or `content`. */
  template?: string;
  content?: SurveyContent;
  /** A template survey may retitle itself. */
  title?: string;
  programmeId?: string | null;
  wave?: SurveyWave | null;
  opensOn: string;
  closesOn: string;
}

export class UnknownTemplateError extends DomainError {
  constructor() {
    super('unknown_template', 'Modèle d’enquête inconnu.', 400);
  }
}

function contentOf(draft: SurveyDraft): { template: string | null; content: SurveyContent } {
  if (draft.template) {
    const template = surveyTemplate(draft.template);
    if (!template) throw new UnknownTemplateError();
    return {
      template: template.key,
      content: { ...template.content, title: draft.title ?? template.content.title },
    };
  }
  return { template: null, content: draft.content! };
}

/** A coordinator creates a survey, from a template or their own questions, as a draft; or changes a draft. */
@Injectable()
export class SaveSurveyUseCase {
  constructor(
    private readonly surveys: SurveyRepository,
    private readonly directory: TenantDirectoryRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async create(tenantId: string, draft: SurveyDraft): Promise<Survey> {
    const tenant = await this.directory.byId(tenantId);
    const today = DateTime.fromJSDate(this.clock.now())
      .setZone(tenant?.timezone ?? TENANT_DEFAULTS.timezone)
      .toISODate()!;
    const survey: Survey = {
      tenantId,
      surveyId: uuidv4(),
      ...contentOf(draft),
      programmeId: draft.programmeId ?? null,
      wave: draft.wave ?? null,
      opensOn: draft.opensOn,
      closesOn: draft.closesOn,
      status: 'draft',
      createdOn: today,
    };
    await this.save(() => this.surveys.inTenant(tenantId, (manager) => this.surveys.insert(manager, survey)));
    return survey;
  }

  async update(tenantId: string, surveyId: string, draft: SurveyDraft): Promise<Survey> {
    return this.save(() =>
      this.surveys.inTenant(tenantId, async (manager) => {
        const survey = await this.surveys.find(manager, surveyId, { forUpdate: true });
        if (!survey) throw new SurveyNotFoundError();
        assertEditable(survey);
        const changed: Survey = {
          ...survey,
          ...contentOf(draft),
          programmeId: draft.programmeId ?? null,
          wave: draft.wave ?? null,
          opensOn: draft.opensOn,
          closesOn: draft.closesOn,
        };
        await this.surveys.update(manager, changed);
        return changed;
      }),
    );
  }

  private async save<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (isUniqueViolation(error)) throw new WaveTakenError();
      throw error;
    }
  }
}
