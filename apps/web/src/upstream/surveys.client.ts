import { Injectable } from '@nestjs/common';
import { OnBehalfOf, UpstreamAnswer, UpstreamClient } from './upstream.client';

export interface PublicQuestion {
  id: string;
  kind: 'likert' | 'single' | 'multiple' | 'number' | 'text';
  label: string;
  hint?: string;
  required: boolean;
  scale?: '1-5' | '0-4';
  labels?: string[];
  options?: { value: string; label: string }[];
  min?: number;
  max?: number;
  unit?: string;
}

export interface PublicSurvey {
  surveyId: string;
  title: string;
  introduction: string | null;
  questions: PublicQuestion[];
  profile: ('profession' | 'practiceMode' | 'department')[];
  opensOn: string;
  closesOn: string;
  open: boolean;
}

export interface SurveyAnswerBody {
  answers: Record<string, unknown>;
  profile: Record<string, unknown>;
  quoteConsent: boolean;
}

/** The surveys' public routes (reporting): read a published survey, answer it. */
@Injectable()
export class SurveysClient {
  constructor(private readonly upstream: UpstreamClient) {}

  survey(slug: string, surveyId: string, who: OnBehalfOf): Promise<UpstreamAnswer<PublicSurvey>> {
    return this.upstream.call('reporting', 'GET', `/v1/public/tenants/${slug}/surveys/${surveyId}`, who);
  }

  answer(
    slug: string,
    surveyId: string,
    body: SurveyAnswerBody,
    who: OnBehalfOf,
  ): Promise<UpstreamAnswer<unknown>> {
    return this.upstream.call(
      'reporting',
      'POST',
      `/v1/public/tenants/${slug}/surveys/${surveyId}/responses`,
      who,
      { body },
    );
  }
}
