import { z } from 'zod';

/** Professions a participant declares (DESIGN §5). Adding one is a breaking change for every schema using it. */
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
