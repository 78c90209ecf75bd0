import { z } from 'zod';

/** Professions a participant declares (docs/architecture.md, participant data). Adding one is a breaking change for every schema using it. */
export const PROFESSIONS = [
  'medecin',
  'infirmier',
  'kinesitherapeute',
  'psychologue',
  'sage-femme',
  'pharmacien',
  'chirurgien-dentiste',
  'orthophoniste',
  'dieteticien',
  'autre',
] as const;

export const professionSchema = z.enum(PROFESSIONS);
export type Profession = z.infer<typeof professionSchema>;

/** How a participant practises: libéral, salarié, mixte or étudiant. */
export const PRACTICE_MODES = ['liberal', 'salarie', 'mixte', 'etudiant'] as const;

export const practiceModeSchema = z.enum(PRACTICE_MODES);
export type PracticeMode = z.infer<typeof practiceModeSchema>;

/**
 * A French département code as reporting uses it: two digits (`25`), Corsica (`2A`, `2B`) or
 * three digits overseas (`971`…`989`). Never the full postcode: the département is enough for
 * "participants by area" and does not narrow a person down.
 */
export const departmentSchema = z
  .string()
  .regex(/^(?:\d{2}|2[AB]|9[78]\d)$/, 'department must be a French département code (25, 2A, 971…)')
  .describe('French département code derived from the postcode: 2 digits, 2A/2B, or 3 digits overseas');
export type Department = z.infer<typeof departmentSchema>;

/**
 * The département of a French postcode, or null when the postcode is not a French one.
 * Corsica: 200xx–201xx is Corse-du-Sud (2A), 202xx–206xx Haute-Corse (2B).
 * Overseas (97xxx, 98xxx): the first three digits.
 */
export function departmentFromPostcode(postcode: string): Department | null {
  const code = postcode.replace(/\s+/g, '');
  if (!/^\d{5}$/.test(code)) return null;
  if (code.startsWith('20')) {
    const third = Number(code[2]);
    if (third <= 1) return '2A';
    if (third <= 6) return '2B';
    return null;
  }
  if (code.startsWith('97') || code.startsWith('98')) return code.slice(0, 3);
  if (code.startsWith('00')) return null;
  return code.slice(0, 2);
}

/**
 * The French administrative regions (2016), each the territory of one ARS (agence régionale de
 * santé): the scope of a funder's view across the CPTS of its region.
 */
export const REGIONS = {
  'auvergne-rhone-alpes': 'Auvergne-Rhône-Alpes',
  'bourgogne-franche-comte': 'Bourgogne-Franche-Comté',
  bretagne: 'Bretagne',
  'centre-val-de-loire': 'Centre-Val de Loire',
  corse: 'Corse',
  'grand-est': 'Grand Est',
  'hauts-de-france': 'Hauts-de-France',
  'ile-de-france': 'Île-de-France',
  normandie: 'Normandie',
  'nouvelle-aquitaine': 'Nouvelle-Aquitaine',
  occitanie: 'Occitanie',
  'pays-de-la-loire': 'Pays de la Loire',
  'provence-alpes-cote-d-azur': 'Provence-Alpes-Côte d’Azur',
  guadeloupe: 'Guadeloupe',
  martinique: 'Martinique',
  guyane: 'Guyane',
  'la-reunion': 'La Réunion',
  mayotte: 'Mayotte',
} as const;

export type Region = keyof typeof REGIONS;
export const REGION_CODES = Object.keys(REGIONS) as [Region, ...Region[]];
export const regionSchema = z
  .enum(REGION_CODES)
  .describe('the French region (ARS territory) a CPTS belongs to');

/** French names of the professions (one person, several), for pages, reports and exports. */
export const PROFESSION_NAMES: Readonly<Record<Profession, { one: string; many: string }>> = {
  medecin: { one: 'Médecin', many: 'médecins' },
  infirmier: { one: 'Infirmier ou infirmière', many: 'infirmiers' },
  kinesitherapeute: { one: 'Masseur-kinésithérapeute', many: 'kinésithérapeutes' },
  psychologue: { one: 'Psychologue', many: 'psychologues' },
  'sage-femme': { one: 'Sage-femme', many: 'sages-femmes' },
  pharmacien: { one: 'Pharmacien ou pharmacienne', many: 'pharmaciens' },
  'chirurgien-dentiste': { one: 'Chirurgien-dentiste', many: 'chirurgiens-dentistes' },
  orthophoniste: { one: 'Orthophoniste', many: 'orthophonistes' },
  dieteticien: { one: 'Diététicien ou diététicienne', many: 'diététiciens' },
  autre: { one: 'Autre profession de santé', many: 'autres professions de santé' },
};

/** French names of the practice modes. */
export const PRACTICE_MODE_NAMES: Readonly<Record<PracticeMode, string>> = {
  liberal: 'Libéral',
  salarie: 'Salarié',
  mixte: 'Mixte (libéral et salarié)',
  etudiant: 'Étudiant',
};

const PRACTICE_MODE_PLURALS: Readonly<Record<PracticeMode, string>> = {
  liberal: 'libéraux',
  salarie: 'salariés',
  mixte: 'exercice mixte',
  etudiant: 'étudiants',
};

/**
 * Who a session is for by practice mode, in French, as the public pages and registration's refusal
 * say it: null when every mode may come (nothing to say), « libéraux uniquement »,
 * « libéraux et étudiants uniquement », or with every mode listed « tous modes d'exercice,
 * étudiants bienvenus ».
 */
export function practiceModeAudience(modes: readonly PracticeMode[]): string | null {
  if (modes.length === 0) return null;
  const ordered = PRACTICE_MODES.filter((mode) => modes.includes(mode));
  if (ordered.length === PRACTICE_MODES.length) return "tous modes d'exercice, étudiants bienvenus";
  const names = ordered.map((mode) => PRACTICE_MODE_PLURALS[mode]);
  const list =
    names.length === 1 ? names[0] : `${names.slice(0, -1).join(', ')} et ${names[names.length - 1]}`;
  return `${list} uniquement`;
}

/** Whether a participant practising as `mode` may register where `modes` are eligible (empty = all). */
export function practiceModeEligible(modes: readonly PracticeMode[], mode: PracticeMode): boolean {
  return modes.length === 0 || modes.includes(mode);
}
