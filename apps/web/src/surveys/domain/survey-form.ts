import { PRACTICE_MODE_NAMES, PRACTICE_MODES, PROFESSION_NAMES, PROFESSIONS } from '@respire/contracts';
import { PublicQuestion, PublicSurvey, SurveyAnswerBody } from '../../upstream/surveys.client';

/** What the form posted, as typed, keyed by form field name (`q-<id>`, `profile-<key>`, `quoteConsent`). */
export type SurveyValues = Record<string, string | string[]>;

export interface SurveyFieldError {
  field: string;
  message: string;
}

const fieldOf = (serviceField: string) => serviceField.replace('.', '-');

/** The form's fields as the answer the service checks (it holds the rules and their messages). */
export function answerBody(
  survey: PublicSurvey,
  body: Record<string, unknown>,
): { values: SurveyValues; answer: SurveyAnswerBody } {
  const values: SurveyValues = {};
  const text = (v: unknown) => (typeof v === 'string' ? v : '');
  const answers: Record<string, unknown> = {};
  for (const q of survey.questions) {
    const raw = body[`q-${q.id}`];
    const value =
      q.kind === 'multiple'
        ? Array.isArray(raw)
          ? raw.map(text)
          : raw === undefined
            ? []
            : [text(raw)]
        : text(raw);
    values[`q-${q.id}`] = value;
    answers[q.id] = value;
  }
  const profile: Record<string, unknown> = {};
  for (const key of survey.profile) {
    values[`profile-${key}`] = text(body[`profile-${key}`]);
    profile[key] = values[`profile-${key}`];
  }
  const quoteConsent = body.quoteConsent === 'oui';
  if (quoteConsent) values.quoteConsent = 'oui';
  return { values, answer: { answers, profile, quoteConsent } };
}

/** The service's field errors (`q.<id>`) as the form's (`q-<id>`). */
export function formErrors(fields: { field: string; message: string }[] | undefined): SurveyFieldError[] {
  return (fields ?? []).map((f) => ({ field: fieldOf(f.field), message: f.message }));
}

function scalePoints(q: PublicQuestion): { value: string; label: string }[] {
  const min = q.scale === '0-4' ? 0 : 1;
  return (q.labels ?? []).map((label, i) => ({ value: String(min + i), label }));
}

/** Each question as the page draws it: its inputs, what was typed, its error. */
export function questionViews(survey: PublicSurvey, values: SurveyValues, errors: Record<string, string>) {
  const chosen = (name: string, value: string) => {
    const v = values[name];
    return Array.isArray(v) ? v.includes(value) : v === value;
  };
  const questions = survey.questions.map((q) => {
    const name = `q-${q.id}`;
    const choices = q.kind === 'likert' ? scalePoints(q) : (q.options ?? []);
    return {
      name,
      label: q.label,
      hint:
        q.hint ??
        (q.kind === 'number'
          ? `Un nombre entre ${q.min} et ${q.max}${q.unit ? ` (${q.unit})` : ''}.`
          : undefined),
      optional: !q.required,
      error: errors[name],
      choice: q.kind === 'likert' || q.kind === 'single' || q.kind === 'multiple',
      inputType: q.kind === 'multiple' ? 'checkbox' : 'radio',
      number: q.kind === 'number',
      text: q.kind === 'text',
      value: typeof values[name] === 'string' ? values[name] : '',
      options: choices.map((o, i) => ({
        ...o,
        id: i === 0 ? `field-${name}` : `field-${name}-${i}`,
        checked: chosen(name, o.value),
      })),
    };
  });
  const select = (key: string, list: readonly string[], names: (v: string) => string) => ({
    name: `profile-${key}`,
    error: errors[`profile-${key}`],
    options: list.map((v) => ({ value: v, label: names(v), selected: values[`profile-${key}`] === v })),
  });
  return {
    questions,
    profession: survey.profile.includes('profession')
      ? select('profession', PROFESSIONS, (v) => PROFESSION_NAMES[v as (typeof PROFESSIONS)[number]].one)
      : null,
    practiceMode: survey.profile.includes('practiceMode')
      ? select(
          'practiceMode',
          PRACTICE_MODES,
          (v) => PRACTICE_MODE_NAMES[v as (typeof PRACTICE_MODES)[number]],
        )
      : null,
    department: survey.profile.includes('department')
      ? {
          name: 'profile-department',
          error: errors['profile-department'],
          value: typeof values['profile-department'] === 'string' ? values['profile-department'] : '',
        }
      : null,
    quoteConsent: values.quoteConsent === 'oui',
    hasText: survey.questions.some((q) => q.kind === 'text'),
  };
}
