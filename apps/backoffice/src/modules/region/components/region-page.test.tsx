import { screen, within } from '@testing-library/react';
import { axeViolations, json, renderPage, stubFetch, tokenRoute, ACCOUNT } from '../../../test/render';
import { RequireAccount, RequireFunder } from '../../auth/components/require-account';
import { RegionPage } from './region-page';

const FUNDER = {
  ...ACCOUNT,
  staffId: '0198c6a2-4b1e-7c3a-9f10-2d5e8a7b6c55',
  tenantId: null,
  tenantName: null,
  tenantSlug: null,
  region: 'bourgogne-franche-comte',
  regionName: 'Bourgogne-Franche-Comté',
  name: 'ARS Bourgogne-Franche-Comté',
  roles: ['funder'],
  facilitatorId: null,
};

const figures = (attended: number | string, medecins: number | string) => ({
  sessions: 10,
  sessionsHeld: 9,
  sessionsCancelled: 1,
  placesOffered: 100,
  confirmed: 60,
  attended,
  cancellations: 6,
  unservedAtStart: '<5',
  fillRate: 0.6,
  attendanceRate: null,
  uniqueParticipants: 25,
  returningParticipants: 10,
  profiledParticipants: 25,
  byProfession: [
    { value: 'infirmier', participants: 20 },
    { value: 'medecin', participants: medecins },
  ],
  byPracticeMode: [],
});

describe('RegionPage', () => {
  it('shows every CPTS of the region side by side and combined, hidden counts as "<5", and the region’s survey results', async () => {
    stubFetch({
      ...tokenRoute(FUNDER as unknown as typeof ACCOUNT),
      'GET /v1/funder/summary': () =>
        json({
          region: 'bourgogne-franche-comte',
          scope: { from: null, to: null, generatedAt: '2026-12-01T08:00:00Z' },
          protection: { threshold: 5, hidden: [], rule: '' },
          withheld: false,
          cpts: [
            {
              tenantId: '0198c6a2-4b1e-7c3a-9f10-2d5e8a7b6c01',
              name: 'CPTS du Grand Besançon',
              figures: figures(48, '<5'),
            },
            {
              tenantId: '0198c6a2-4b1e-7c3a-9f10-2d5e8a7b6c02',
              name: 'CPTS de Dijon',
              figures: figures('<5', '<5'),
            },
          ],
          combined: { tenantId: null, name: 'Bourgogne-Franche-Comté', figures: figures('≥5', 6) },
        }),
      'GET /v1/funder/survey-results': () =>
        json({
          region: 'bourgogne-franche-comte',
          template: { key: 'barometre-bien-etre', name: 'Baromètre du bien-être des soignants' },
          wave: null,
          surveys: 2,
          results: {
            threshold: 5,
            withheld: false,
            respondents: 40,
            dimensions: ['cpts'],
            questions: [
              {
                id: 'isolement',
                label: 'Je me sens isolé·e dans mon exercice',
                kind: 'likert',
                overall: {
                  answered: 40,
                  skipped: 0,
                  options: [{ value: 1, label: 'Pas du tout d’accord', count: '<5', share: null }],
                  mean: 3.1,
                  agreeing: null,
                },
                breakdowns: [
                  {
                    dimension: 'cpts',
                    groups: [
                      {
                        value: 'dijon',
                        label: 'CPTS de Dijon',
                        answered: '<5',
                        skipped: 0,
                        options: [],
                        mean: null,
                        agreeing: null,
                      },
                    ],
                  },
                ],
              },
            ],
          },
        }),
    });
    const { container } = renderRegionPage();

    expect(
      await screen.findByRole('heading', { level: 1, name: 'Vue régionale — Bourgogne-Franche-Comté' }),
    ).toBeTruthy();
    const table = await screen.findByRole('table', { name: 'Indicateurs par CPTS et pour la région' });
    const headers = within(table)
      .getAllByRole('columnheader')
      .map((h) => h.textContent);
    expect(headers).toEqual(['Indicateur', 'CPTS du Grand Besançon', 'CPTS de Dijon', 'Région']);
    expect(within(table).getByRole('row', { name: /Présents/ }).textContent).toBe('Présents48<5≥5');
    const professions = screen.getByRole('table', { name: /Participants par profession/ });
    expect(within(professions).getByRole('row', { name: /Médecin/ }).textContent).toBe('Médecin<5<56');

    const question = await screen.findByRole('region', { name: 'Je me sens isolé·e dans mon exercice' });
    expect(within(question).getByRole('table', { name: 'Par CPTS' }).textContent).toContain(
      'CPTS de Dijon<5',
    );
    expect(screen.getByText(/2 enquêtes, 40 réponses/)).toBeTruthy();
    expect(await axeViolations(container)).toEqual([]);
  });
});

describe('RequireFunder', () => {
  it('tells a coordinator the regional view is not theirs', async () => {
    stubFetch(tokenRoute({ ...ACCOUNT, roles: ['coordinator'] }));
    renderRegionPage();
    expect(await screen.findByText('Cette page est réservée aux financeurs')).toBeTruthy();
  });
});

/** The region page as the app routes it: signed in, funders only. */
function renderRegionPage() {
  return renderPage(
    <RequireAccount>
      <RequireFunder>
        <RegionPage />
      </RequireFunder>
    </RequireAccount>,
    { route: '/region', path: '/region' },
  );
}
