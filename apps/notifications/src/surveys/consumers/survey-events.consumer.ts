import { Injectable } from '@nestjs/common';
import { EventEnvelope, SURVEY_PUBLISHED_V1, SurveyPublishedV1 } from '@respire/contracts';
import { EventContext, HandleEvent } from '@respire/messaging';
import { ProgrammeSurveyRepository } from '../infrastructure/programme-survey.repository';

/** Surveys attached to a programme: what its feedback requests may link to. */
@Injectable()
export class SurveyEventsConsumer {
  constructor(private readonly surveys: ProgrammeSurveyRepository) {}

  @HandleEvent(SURVEY_PUBLISHED_V1)
  async onPublished(event: EventEnvelope<SurveyPublishedV1>, { manager }: EventContext): Promise<void> {
    const { data } = event;
    if (!data.programmeId) return;
    await this.surveys.recordSurvey(manager, event.tenantId, {
      surveyId: data.surveyId,
      programmeId: data.programmeId,
      wave: data.wave,
      title: data.title,
      url: data.url,
      opensOn: data.opensOn,
      closesOn: data.closesOn,
    });
  }
}
