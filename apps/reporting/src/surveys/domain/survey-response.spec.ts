import { parseResponse } from './survey-response';
import { surveyTemplate } from './survey-templates';

const barometer = surveyTemplate('barometre-bien-etre')!.content;

describe('a survey response', () => {
  it('keeps what a form sends, as numbers and lists', () => {
    const parsed = parseResponse(barometer, {
      answers: { epuisement: '4', isolement: '2', detente: '5', ateliers: 'emotions', inconnue: 'x' },
      profile: { profession: 'infirmier', department: '25' },
      quoteConsent: 'on',
    });
    expect(parsed).toEqual({
      ok: true,
      response: {
        answers: { epuisement: 4, isolement: 2, detente: 5, ateliers: ['emotions'] },
        profile: { profession: 'infirmier', department: '25' },
        quoteConsent: true,
      },
    });
  });

  it('names each field in error, in French', () => {
    const parsed = parseResponse(barometer, {
      answers: { epuisement: '9' },
      profile: { profession: 'pilote', department: '999' },
    });
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.errors).toEqual([
      { field: 'q.epuisement', message: 'Choisissez un point de l’échelle' },
      { field: 'q.isolement', message: 'Répondez à cette question' },
      { field: 'q.detente', message: 'Répondez à cette question' },
      { field: 'profile.profession', message: 'Choisissez une réponse de la liste' },
      { field: 'profile.department', message: 'Indiquez un numéro de département (25, 2A, 971…)' },
    ]);
  });
});
