import { screen, within } from '@testing-library/react';
import { axeViolations, json, renderPage, stubFetch, tokenRoute, ACCOUNT } from '../../../test/render';
import { SurveyResultsPage } from './survey-results-page';

const SURVEY = '0198c6a2-4b1e-7c3a-9f10-2d5e8a7b6c20';
const PROGRAMME = '0198c6a2-4b1e-7c3a-9f10-2d5e8a7b6c01';
const header = {
  surveyId: SURVEY,
  title: 'Baromètre du bien-être',
  template: 'barometre-bien-etre',
  programmeId: PROGRAMME,
  wave: 'after',
  opensOn: '2026-01-05',
  closesOn: '2026-02-28',
  status: 'published',
};
const likert = (count3: number | string) => ({
  answered: 30,
  skipped: 0,
  options: [
    { value: 1, label: 'Pas du tout d’accord', count: 0, share: 0 },
    { value: 2, label: 'Plutôt pas d’accord', count: '<5', share: null },
    { value: 3, label: 'Neutre', count: count3, share: null },
    { value: 4, label: 'Plutôt d’accord', count: 15, share: 50 },
    { value: 5, label: 'Tout à fait d’accord', count: 12, share: 40 },
  ],
  mean: null,
  agreeing: { count: 27, share: 90 },
});

describe('SurveyResultsPage', () => {
  it('shows every count, hidden ones as "<5", breakdowns, and the before/after comparison', async () => {
    stubFetch({
      ...tokenRoute({ ...ACCOUNT, roles: ['coordinator'] }),
      [`GET /v1/surveys/${SURVEY}/results`]: () =>
        json({
          survey: header,
          results: {
            threshold: 5,
            withheld: false,
            respondents: 30,
            dimensions: [],
            questions: [
              {
                id: 'epuisement',
                label: 'Je me sens émotionnellement épuisé·e en fin de journée',
                kind: 'likert',
                overall: likert('≥5'),
                breakdowns: [
                  {
                    dimension: 'profession',
                    groups: [
                      { value: 'infirmier', label: 'Infirmier·e', ...likert('≥5'), answered: 15 },
                      {
                        value: 'sage-femme',
                        label: 'Sage-femme',
                        ...likert('<5'),
                        answered: '<5',
                        agreeing: { count: '<5', share: null },
                      },
                    ],
                  },
                ],
              },
            ],
          },
        }),
      [`GET /v1/surveys/programmes/${PROGRAMME}/comparison`]: () =>
        json({
          programmeId: PROGRAMME,
          before: { survey: { ...header, wave: 'before' }, respondents: 20 },
          after: { survey: header, respondents: 30 },
          questions: [
            {
              id: 'epuisement',
              label: 'Épuisement',
              before: { answered: 20, mean: 4.2, agreeingShare: 80 },
              after: { answered: 30, mean: 3.1, agreeingShare: 45 },
              meanChange: -1.1,
              agreeingChange: -35,
            },
          ],
        }),
    });
    const { container } = renderPage(<SurveyResultsPage />, {
      route: `/enquetes/${SURVEY}`,
      path: '/enquetes/:surveyId',
    });

    const question = await screen.findByRole('region', {
      name: 'Je me sens émotionnellement épuisé·e en fin de journée',
    });
    const distribution = within(question).getByRole('table', { name: 'Répartition des réponses' });
    expect(within(distribution).getByRole('row', { name: /Plutôt pas d’accord/ }).textContent).toContain(
      '<5',
    );
    const byProfession = within(question).getByRole('table', { name: 'Par profession' });
    expect(within(byProfession).getByRole('row', { name: /Sage-femme/ }).textContent).toBe('Sage-femme<5——');
    expect(within(question).getByText(/d’accord : 90 %/)).toBeTruthy();

    const comparison = await screen.findByRole('region', { name: 'Avant et après le programme' });
    expect(within(comparison).getByRole('row', { name: /Épuisement/ }).textContent).toBe(
      'Épuisement4,23,1-1,1-35 points',
    );
    expect(await axeViolations(container)).toEqual([]);
  });
});
