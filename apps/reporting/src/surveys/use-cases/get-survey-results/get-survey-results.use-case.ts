import { Injectable } from '@nestjs/common';
import { DomainError } from '@respire/platform';
import { TenantDirectoryRepository } from '../../../tenants/infrastructure/tenant-directory.repository';
import { profileDimensions } from '../../domain/profile-dimensions';
import { Survey, SurveyNotFoundError } from '../../domain/survey';
import { SurveyWave } from '../../domain/survey-definition';
import { surveyResults } from '../../domain/survey-results';
import { surveyTemplate } from '../../domain/survey-templates';
import { compareWaves } from '../../domain/wave-comparison';
import { SurveyRepository } from '../../infrastructure/survey.repository';

export class WavesMissingError extends DomainError {
  constructor() {
    super('waves_missing', 'Ce programme n’a pas d’enquête « avant » et « après » à comparer.', 404);
  }
}

const surveyHeader = (survey: Survey) => ({
  surveyId: survey.surveyId,
  title: survey.content.title,
  template: survey.template,
  programmeId: survey.programmeId,
  wave: survey.wave,
  opensOn: survey.opensOn,
  closesOn: survey.closesOn,
  status: survey.status,
});

/**
 * Survey results as coordinators and funders read them: every count protected by the reporting
 * rules (small-count suppression with complementary cells), free text only with consent.
 */
@Injectable()
export class GetSurveyResultsUseCase {
  constructor(
    private readonly surveys: SurveyRepository,
    private readonly directory: TenantDirectoryRepository,
  ) {}

  async forSurvey(tenantId: string, surveyId: string) {
    return this.surveys.inTenant(tenantId, async (manager) => {
      const survey = await this.surveys.find(manager, surveyId);
      if (!survey) throw new SurveyNotFoundError();
      const responses = await this.surveys.responses(manager, [surveyId]);
      return {
        survey: surveyHeader(survey),
        results: surveyResults(
          survey.content,
          responses,
          profileDimensions(survey.content.profile, responses),
        ),
      };
    });
  }

  /** A programme's "before" and "after" waves, each protected on its own, compared question by question. */
  async compare(tenantId: string, programmeId: string) {
    return this.surveys.inTenant(tenantId, async (manager) => {
      const waves = await this.surveys.list(manager, { programmeId });
      const before = waves.find((s) => s.wave === 'before');
      const after = waves.find((s) => s.wave === 'after');
      if (!before || !after) throw new WavesMissingError();
      const resultsOf = async (survey: Survey) => {
        const responses = await this.surveys.responses(manager, [survey.surveyId]);
        return surveyResults(survey.content, responses, []);
      };
      const [b, a] = [await resultsOf(before), await resultsOf(after)];
      return {
        programmeId,
        before: { survey: surveyHeader(before), respondents: b.respondents },
        after: { survey: surveyHeader(after), respondents: a.respondents },
        questions: compareWaves(b, a),
      };
    });
  }

  /**
   * A funder's view of one template across the CPTS of their region: the published surveys made
   * from it (optionally one wave), combined, with the CPTS side by side as one more breakdown of
   * the same protected table — so a CPTS's count and the regional total can never be subtracted
   * to reveal a hidden cell. Row-level security limits what is read to the region.
   */
  async forRegion(region: string, templateKey: string, wave: SurveyWave | null) {
    const template = surveyTemplate(templateKey);
    if (!template) throw new SurveyNotFoundError();
    const tenants = await this.directory.ofRegion(region);
    return this.surveys.inRegion(region, async (manager) => {
      const surveys = (
        await this.surveys.list(manager, { template: template.key, publishedOnly: true })
      ).filter((s) => wave === null || s.wave === wave);
      const responses = await this.surveys.responses(
        manager,
        surveys.map((s) => s.surveyId),
      );
      const cpts = {
        key: 'cpts',
        label: 'CPTS',
        groups: tenants
          .filter((t) => responses.some((r) => r.tenantId === t.tenantId))
          .map((t) => ({ value: t.tenantId, label: t.name })),
        groupOf: (i: number) => responses[i].tenantId,
      };
      return {
        region,
        template: { key: template.key, name: template.name },
        wave,
        surveys: surveys.length,
        results: surveyResults(template.content, responses, [
          cpts,
          ...profileDimensions(template.content.profile, responses),
        ]),
      };
    });
  }

  async list(tenantId: string, programmeId?: string) {
    return this.surveys.inTenant(tenantId, async (manager) => {
      const [surveys, counts] = [
        await this.surveys.list(manager, { programmeId }),
        await this.surveys.responseCounts(manager),
      ];
      return surveys.map((s) => ({ ...surveyHeader(s), responses: counts.get(s.surveyId) ?? 0 }));
    });
  }

  async one(tenantId: string, surveyId: string) {
    return this.surveys.inTenant(tenantId, async (manager) => {
      const survey = await this.surveys.find(manager, surveyId);
      if (!survey) throw new SurveyNotFoundError();
      return { ...surveyHeader(survey), content: survey.content };
    });
  }
}
