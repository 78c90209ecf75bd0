import { z } from 'zod';
import { departmentSchema, PRACTICE_MODES, PROFESSIONS, SURVEY_WAVES } from '@respire/contracts';

/** Profile questions: asked only to break results down, never to identify anyone. */
export const PROFILE_KEYS = ['profession', 'practiceMode', 'department'] as const;
export type ProfileKey = (typeof PROFILE_KEYS)[number];

export const QUESTION_ID = /^[a-z][a-z0-9-]{0,39}$/;
export const TEXT_ANSWER_MAX = 500;

const label = z.string().trim().min(1, 'Libellé requis').max(300, '300 caractères au plus');
const optionSchema = z.object({
  value: z.string().regex(/^[a-z0-9-]{1,40}$/, 'Valeur en minuscules, chiffres et tirets'),
  label,
});

const base = {
  id: z.string().regex(QUESTION_ID, 'Identifiant en minuscules, chiffres et tirets'),
  label,
  hint: z.string().trim().max(300).optional(),
  required: z.boolean().default(false),
};

/**
 * A Likert scale: 1–5 or 0–4, one label per point. `agreeFrom` marks the points that count as
 * agreeing (e.g. 4 and 5 of "pas du tout d'accord … tout à fait d'accord"), for shares such as
 * "80 % se déclarent épuisés".
 */
export const likertQuestionSchema = z
  .object({
    ...base,
    kind: z.literal('likert'),
    scale: z.enum(['1-5', '0-4']),
    labels: z.array(label).length(5, 'Cinq libellés, un par point de l’échelle'),
    agreeFrom: z.number().int().min(0).max(5).optional(),
  })
  .refine(
    (q) =>
      q.agreeFrom === undefined || (q.agreeFrom >= scaleMin(q.scale) && q.agreeFrom <= scaleMin(q.scale) + 4),
    {
      path: ['agreeFrom'],
      message: 'Hors de l’échelle',
    },
  );

const choices = z
  .array(optionSchema)
  .min(2, 'Deux choix au moins')
  .max(12, 'Douze choix au plus')
  .refine((options) => new Set(options.map((o) => o.value)).size === options.length, 'Valeurs en double');

export const questionSchema = z.union([
  likertQuestionSchema,
  z.object({ ...base, kind: z.literal('single'), options: choices }),
  z.object({ ...base, kind: z.literal('multiple'), options: choices }),
  z
    .object({
      ...base,
      kind: z.literal('number'),
      min: z.number(),
      max: z.number(),
      unit: z.string().trim().max(30).optional(),
    })
    .refine((q) => q.max > q.min, { path: ['max'], message: 'Le maximum doit dépasser le minimum' }),
  z.object({ ...base, kind: z.literal('text') }),
]);

export type Question = z.infer<typeof questionSchema>;
export type LikertQuestion = Extract<Question, { kind: 'likert' }>;
export type ChoiceQuestion = Extract<Question, { kind: 'single' | 'multiple' }>;
export type NumberQuestion = Extract<Question, { kind: 'number' }>;

export const surveyContentSchema = z.object({
  title: z.string().trim().min(1, 'Titre requis').max(200),
  introduction: z.string().trim().max(2000).nullable().default(null),
  questions: z
    .array(questionSchema)
    .min(1, 'Une question au moins')
    .max(60)
    .refine(
      (qs) => new Set(qs.map((q) => q.id)).size === qs.length,
      'Deux questions ont le même identifiant',
    ),
  profile: z.array(z.enum(PROFILE_KEYS)).default([]),
});

export type SurveyContent = z.infer<typeof surveyContentSchema>;

export const surveyWaveSchema = z.enum(SURVEY_WAVES);
export type SurveyWave = z.infer<typeof surveyWaveSchema>;

export function scaleMin(scale: '1-5' | '0-4'): number {
  return scale === '1-5' ? 1 : 0;
}

/** The points of a Likert question with their labels, lowest first. */
export function likertPoints(question: LikertQuestion): { value: number; label: string }[] {
  const min = scaleMin(question.scale);
  return question.labels.map((text, i) => ({ value: min + i, label: text }));
}

/** The answers a profile question accepts, with their French labels (départements are typed). */
export const PROFILE_LABELS: Record<ProfileKey, string> = {
  profession: 'Votre profession',
  practiceMode: 'Votre mode d’exercice',
  department: 'Votre département d’exercice',
};

export const PROFILE_VALUES = {
  profession: PROFESSIONS,
  practiceMode: PRACTICE_MODES,
  department: null,
} as const;

export const profileDepartmentSchema = departmentSchema;
