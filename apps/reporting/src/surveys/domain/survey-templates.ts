import { ChoiceQuestion, LikertQuestion, SurveyContent } from './survey-definition';

const AGREEMENT = [
  'Pas du tout d’accord',
  'Plutôt pas d’accord',
  'Ni d’accord ni pas d’accord',
  'Plutôt d’accord',
  'Tout à fait d’accord',
];
const FREQUENCY = ['Jamais', 'Rarement', 'Parfois', 'Souvent', 'Très souvent'];
const YES = { value: 'oui', label: 'Oui' };
const NO = { value: 'non', label: 'Non' };

/** A statement rated on a five-point scale; by default 1–5 agreement, required, 4 and 5 agreeing. */
function likert(
  id: string,
  label: string,
  {
    scale = '1-5',
    labels = AGREEMENT,
    agreeFrom = 4,
    required = true,
  }: Partial<Pick<LikertQuestion, 'scale' | 'labels' | 'agreeFrom' | 'required'>> = {},
): LikertQuestion {
  return { id, kind: 'likert', scale, labels, agreeFrom, required, label };
}

/** One answer among `options`. */
function single(
  id: string,
  label: string,
  options: ChoiceQuestion['options'],
  { required = false } = {},
): ChoiceQuestion {
  return { id, kind: 'single', required, label, options };
}

export interface SurveyTemplate {
  key: string;
  name: string;
  description: string;
  content: SurveyContent;
}

/**
 * The Besançon barometer: the statements of the CPTS CaPaciTéS survey of 393 professionals
 * (2025: 80 % emotionally exhausted at the end of the day, 45 % isolated, 1 in 2 struggling to
 * unwind after work), plus isolation and sleep. Ask it before and after a programme.
 */
const BAROMETER: SurveyTemplate = {
  key: 'barometre-bien-etre',
  name: 'Baromètre du bien-être des soignants',
  description:
    'Épuisement émotionnel, isolement, récupération et sommeil (enquête CPTS de Besançon, 393 soignants).',
  content: {
    title: 'Baromètre du bien-être des soignants',
    introduction:
      'Ce questionnaire anonyme prend 3 minutes. Il aide votre CPTS à mesurer les besoins et à adapter les ateliers. ' +
      'Aucune information ne permet de vous identifier : ne répondez qu’une fois, merci.',
    questions: [
      likert('epuisement', 'En fin de journée, je me sens émotionnellement épuisé·e.'),
      likert('isolement', 'Je me sens isolé·e dans mon exercice professionnel.'),
      likert('detente', 'J’ai du mal à me détendre après le travail.'),
      likert(
        'seul-face',
        'Au cours du dernier mois, vous êtes-vous senti·e seul·e face à une situation professionnelle difficile ?',
        {
          scale: '0-4',
          labels: FREQUENCY,
          agreeFrom: 3,
          required: false,
        },
      ),
      likert('sommeil', 'Au cours du dernier mois, comment jugez-vous la qualité de votre sommeil ?', {
        labels: ['Très mauvaise', 'Plutôt mauvaise', 'Moyenne', 'Plutôt bonne', 'Très bonne'],
        required: false,
      }),
      {
        id: 'ateliers',
        kind: 'multiple',
        required: false,
        label: 'Quels ateliers vous intéresseraient ?',
        hint: 'Plusieurs réponses possibles.',
        options: [
          { value: 'mouvement', label: 'Énergie & Mouvement' },
          { value: 'analyse-pratique', label: 'Analyse de la pratique professionnelle' },
          { value: 'emotions', label: 'Gestion des émotions' },
          { value: 'sophrologie', label: 'Sophrologie' },
          { value: 'groupe-parole', label: 'Groupes de parole' },
        ],
      },
      {
        id: 'besoins',
        kind: 'text',
        required: false,
        label: 'Qu’est-ce qui vous aiderait à prendre soin de vous ?',
      },
    ],
    profile: ['profession', 'practiceMode', 'department'],
  },
};

/**
 * A work-stress audit (psychosocial risks), after the CPTS de l'Adour's "audits de risques":
 * workload, emotional demands, recognition, support and job insecurity, burn-out and chronic pain.
 */
const WORK_STRESS_AUDIT: SurveyTemplate = {
  key: 'audit-stress-travail',
  name: 'Audit des facteurs de stress au travail',
  description:
    'Charge de travail, exigences émotionnelles, reconnaissance, soutien, insécurité, épuisement et douleurs.',
  content: {
    title: 'Audit des facteurs de stress au travail',
    introduction:
      'Ce questionnaire anonyme repère les facteurs de stress de votre exercice pour orienter les actions de prévention de votre CPTS. ' +
      'Aucune information ne permet de vous identifier : ne répondez qu’une fois, merci.',
    questions: [
      likert('charge', 'Ma charge de travail est excessive.'),
      likert(
        'exigences-emotionnelles',
        'La prise en charge des patients me demande beaucoup sur le plan émotionnel.',
      ),
      likert('reconnaissance', 'Je me sens reconnu·e dans mon travail.'),
      likert('soutien', 'Je peux compter sur le soutien de collègues quand c’est difficile.'),
      likert('insecurite', 'Je m’inquiète pour l’avenir de ma situation de travail.'),
      single(
        'epuisement-vecu',
        'Avez-vous déjà vécu un épisode d’épuisement professionnel ?',
        [YES, NO, { value: 'ne-sais-pas', label: 'Je ne sais pas' }],
        {
          required: true,
        },
      ),
      single('douleurs', 'Souffrez-vous de douleurs chroniques ?', [YES, NO]),
      single(
        'violences',
        'Au cours des 12 derniers mois, avez-vous subi des violences (verbales ou physiques) de la part de patients ou de proches ?',
        [YES, NO],
      ),
      {
        id: 'heures',
        kind: 'number',
        min: 0,
        max: 100,
        unit: 'heures',
        required: false,
        label: 'Combien d’heures travaillez-vous par semaine, en moyenne ?',
      },
      {
        id: 'priorites',
        kind: 'text',
        required: false,
        label: 'Quels facteurs de stress voudriez-vous voir traités en priorité ?',
      },
    ],
    profile: ['profession', 'practiceMode'],
  },
};

export const SURVEY_TEMPLATES: readonly SurveyTemplate[] = [BAROMETER, WORK_STRESS_AUDIT];

export function surveyTemplate(key: string): SurveyTemplate | null {
  return SURVEY_TEMPLATES.find((t) => t.key === key) ?? null;
}
