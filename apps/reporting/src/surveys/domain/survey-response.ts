import { PRACTICE_MODES, PROFESSIONS } from '@respire/contracts';
import {
  likertPoints,
  ProfileKey,
  profileDepartmentSchema,
  Question,
  SurveyContent,
  TEXT_ANSWER_MAX,
} from './survey-definition';

/** One answer as stored: a point or a number, chosen values, or a text. */
export type AnswerValue = number | string | string[];

/** What a response holds: answers by question id, the profile given, and the consent to quote. Nothing else. */
export interface SurveyAnswers {
  answers: Record<string, AnswerValue>;
  profile: Partial<Record<ProfileKey, string>>;
  quoteConsent: boolean;
}

export interface ResponseFieldError {
  /** `q.<questionId>`, `profile.<key>` or `quoteConsent`: the form field it belongs to. */
  field: string;
  message: string;
}

export type ParsedResponse =
  { ok: true; response: SurveyAnswers } | { ok: false; errors: ResponseFieldError[] };

/** What was posted: answers by question id, as JSON or as a form sends them (strings). */
export interface PostedResponse {
  answers?: Record<string, unknown>;
  profile?: Record<string, unknown>;
  quoteConsent?: unknown;
}

const blank = (value: unknown) =>
  value === undefined ||
  value === null ||
  (typeof value === 'string' && value.trim() === '') ||
  (Array.isArray(value) && value.length === 0);

/**
 * Checks a response against its survey, question by question, with French messages for the form.
 * Unknown questions are ignored (never stored); answers are normalised (a form's "4" is 4).
 */
export function parseResponse(survey: SurveyContent, posted: PostedResponse): ParsedResponse {
  const errors: ResponseFieldError[] = [];
  const answers: Record<string, AnswerValue> = {};
  const given = posted.answers ?? {};
  for (const question of survey.questions) {
    const raw = given[question.id];
    if (blank(raw)) {
      if (question.required) errors.push({ field: `q.${question.id}`, message: 'Répondez à cette question' });
      continue;
    }
    const parsed = parseAnswer(question, raw);
    if (typeof parsed === 'object' && parsed !== null && 'error' in parsed)
      errors.push({ field: `q.${question.id}`, message: parsed.error });
    else answers[question.id] = parsed;
  }

  const profile: Partial<Record<ProfileKey, string>> = {};
  const givenProfile = posted.profile ?? {};
  for (const key of survey.profile) {
    const raw = givenProfile[key];
    if (blank(raw)) continue;
    const value = typeof raw === 'string' ? raw.trim().toUpperCase() : '';
    if (key === 'profession' && PROFESSIONS.includes(raw as never)) profile.profession = raw as string;
    else if (key === 'practiceMode' && PRACTICE_MODES.includes(raw as never))
      profile.practiceMode = raw as string;
    else if (key === 'department' && profileDepartmentSchema.safeParse(value).success)
      profile.department = value;
    else
      errors.push({
        field: `profile.${key}`,
        message:
          key === 'department'
            ? 'Indiquez un numéro de département (25, 2A, 971…)'
            : 'Choisissez une réponse de la liste',
      });
  }

  const consent = posted.quoteConsent;
  const quoteConsent = consent === true || consent === 'true' || consent === 'on' || consent === 'oui';
  return errors.length > 0
    ? { ok: false, errors }
    : { ok: true, response: { answers, profile, quoteConsent } };
}

function parseAnswer(question: Question, raw: unknown): AnswerValue | { error: string } {
  switch (question.kind) {
    case 'likert': {
      const value = Number(raw);
      return likertPoints(question).some((p) => p.value === value)
        ? value
        : { error: 'Choisissez un point de l’échelle' };
    }
    case 'single': {
      const value = Array.isArray(raw) ? raw[0] : raw;
      return question.options.some((o) => o.value === value)
        ? (value as string)
        : { error: 'Choisissez une réponse de la liste' };
    }
    case 'multiple': {
      const values = [...new Set((Array.isArray(raw) ? raw : [raw]).map(String))];
      const known = question.options.map((o) => o.value);
      if (values.some((v) => !known.includes(v))) return { error: 'Choisissez des réponses de la liste' };
      return known.filter((v) => values.includes(v));
    }
    case 'number': {
      const text = String(raw).trim().replace(',', '.');
      const value = Number(text);
      if (text === '' || !Number.isFinite(value)) return { error: 'Indiquez un nombre, par exemple 35' };
      if (value < question.min || value > question.max)
        return { error: `Indiquez un nombre entre ${question.min} et ${question.max}` };
      return value;
    }
    case 'text': {
      if (typeof raw !== 'string') return { error: 'Réponse invalide' };
      const text = raw.trim();
      return text.length > TEXT_ANSWER_MAX
        ? { error: `${TEXT_ANSWER_MAX} caractères au plus (vous en avez écrit ${text.length})` }
        : text;
    }
  }
}
