import { PRACTICE_MODE_NAMES, PRACTICE_MODES, PROFESSION_NAMES, PROFESSIONS } from '@respire/contracts';
import { PROFILE_KEYS, ProfileKey } from './survey-definition';
import { SurveyAnswers } from './survey-response';
import { Dimension } from './survey-results';

export const NOT_GIVEN = 'non-renseigne';
const NOT_GIVEN_LABEL = 'Non renseigné';

const DIMENSION_LABELS: Record<ProfileKey, string> = {
  profession: 'Profession',
  practiceMode: 'Mode d’exercice',
  department: 'Département',
};

function labelOf(key: ProfileKey, value: string): string {
  if (value === NOT_GIVEN) return NOT_GIVEN_LABEL;
  if (key === 'profession') return PROFESSION_NAMES[value as (typeof PROFESSIONS)[number]]?.one ?? value;
  if (key === 'practiceMode') return PRACTICE_MODE_NAMES[value as (typeof PRACTICE_MODES)[number]] ?? value;
  return value;
}

function canonicalOrder(key: ProfileKey, values: string[]): string[] {
  const known: readonly string[] =
    key === 'profession'
      ? PROFESSIONS
      : key === 'practiceMode'
        ? PRACTICE_MODES
        : values.filter((v) => v !== NOT_GIVEN).sort();
  return [...known.filter((v) => values.includes(v)), ...(values.includes(NOT_GIVEN) ? [NOT_GIVEN] : [])];
}

/**
 * The breakdowns a survey asks for: one dimension per profile question, its groups those that
 * occur (in the usual order), "non renseigné" for those who skipped it, so groups add up to all.
 */
export function profileDimensions(
  profile: readonly ProfileKey[],
  responses: readonly SurveyAnswers[],
): Dimension[] {
  return PROFILE_KEYS.filter((key) => profile.includes(key)).map((key) => {
    const valueOf = (i: number) => responses[i].profile[key] ?? NOT_GIVEN;
    const present = [...new Set(responses.map((_, i) => valueOf(i)))];
    return {
      key,
      label: DIMENSION_LABELS[key],
      groups: canonicalOrder(key, present).map((value) => ({ value, label: labelOf(key, value) })),
      groupOf: valueOf,
    };
  });
}
