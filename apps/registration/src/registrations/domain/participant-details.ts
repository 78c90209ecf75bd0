import { Profession } from '@respire/contracts';

/** The one form of an email address a participant is keyed by: trimmed, lower case. */
export function normaliseEmail(input: string): string {
  return input.trim().toLowerCase();
}

export const PROFESSION_LABELS: Readonly<Record<Profession, string>> = {
  medecin: 'médecins',
  infirmier: 'infirmiers',
  kinesitherapeute: 'kinésithérapeutes',
  psychologue: 'psychologues',
  'sage-femme': 'sages-femmes',
  pharmacien: 'pharmaciens',
  'chirurgien-dentiste': 'chirurgiens-dentistes',
  orthophoniste: 'orthophonistes',
  dieteticien: 'diététiciens',
  autre: 'autres professions',
};
