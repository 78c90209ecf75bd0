import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ACCOUNT, json, renderPage, stubFetch, tokenRoute } from '../../../test/render';
import { ImportPage } from './import-page';

const PROGRAMME = '0198c6a2-4b1e-7c3a-9f10-2d5e8a7b6c77';
const session = (line: number, date: string) => ({
  line,
  activity: 'Cardio boxing',
  category: 'Énergie & Mouvement',
  newActivity: false,
  venue: 'Le Don du Souffle',
  localDate: date,
  localStartTime: '18:30',
  localEndTime: '19:30',
  startsAt: `${date}T17:30:00Z`,
  endsAt: `${date}T18:30:00Z`,
  capacity: 15,
  id: null,
});

describe('ImportPage', () => {
  it('shows the dry run line by line and imports only a correct file', async () => {
    const calls: string[] = [];
    const fetched: string[] = [];
    stubFetch({
      ...tokenRoute({ ...ACCOUNT, roles: ['coordinator'] }),
      'GET /v1/programmes': () => {
        fetched.push('programmes');
        return json([{ id: PROGRAMME, title: 'L’instant des soignants' }]);
      },
      [`POST /v1/programmes/${PROGRAMME}/import`]: (request) => {
        calls.push(new URL(request.url).search);
        return json({
          dryRun: true,
          valid: false,
          lines: 3,
          errors: [{ line: 3, field: 'date', message: 'Date invalide : 31/02/2027' }],
          activitiesToCreate: [],
          sessions: [session(2, '2027-01-22')],
        });
      },
    });
    renderPage(<ImportPage />, { route: '/catalogue/import', path: '/catalogue/import' });

    const select = await screen.findByRole('combobox', { name: /Programme/ });
    await waitFor(() => expect(calls.length + fetched.length).toBeGreaterThan(0));
    await userEvent.click(select);
    await userEvent.click(
      await screen.findByRole('option', { name: 'L’instant des soignants', hidden: true }),
    );
    await userEvent.type(screen.getByRole('textbox', { name: /collez le contenu/ }), 'activité;date');
    await userEvent.click(screen.getByRole('button', { name: 'Vérifier le fichier' }));

    const table = await screen.findByRole('table', { name: 'Résultat ligne par ligne' });
    const rows = within(table)
      .getAllByRole('row')
      .slice(1)
      .map((row) => row.textContent);
    expect(rows).toEqual([
      '2Cardio boxing le 22/01/2027 de 18:30 à 19:30, Le Don du Souffle, 15 places',
      '3Erreur (date) : Date invalide : 31/02/2027',
    ]);
    expect(screen.getByText('1 erreur(s) : rien ne sera importé')).toBeTruthy();
    expect(screen.queryByRole('button', { name: /^Importer les/ })).toBeNull();
    expect(calls).toEqual(['?dryRun=true']);
  });
});
