import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { vi } from 'vitest';
import { ACCOUNT, axeViolations, json, renderPage, stubFetch, tokenRoute } from '../../../test/render';
import { EraseParticipantDialog } from './erase-participant-dialog';

const PARTICIPANT_ID = '0198c6a2-4b1e-7c3a-9f10-2d5e8a7b6c77';
const target = { participantId: PARTICIPANT_ID, name: 'Anaïs Martin' };
const coordinator = () => tokenRoute({ ...ACCOUNT, roles: ['coordinator'] });

function renderDialog(onClose = vi.fn()) {
  renderPage(<EraseParticipantDialog target={target} onClose={onClose} />, {
    route: '/seances/s',
    path: '/seances/:id',
  });
  return onClose;
}

describe('EraseParticipantDialog', () => {
  it('says what goes and that it cannot be undone, erases nothing until confirmed, and passes axe', async () => {
    const calls = stubFetch({ ...coordinator() });
    const onClose = renderDialog();

    const dialog = await screen.findByRole('dialog', { name: 'Effacer les données de Anaïs Martin ?' });
    expect(within(dialog).getByText('Action irréversible')).toBeTruthy();
    expect(within(dialog).getByText(/ne pourront pas être retrouvées/)).toBeTruthy();
    expect(within(dialog).getByText(/son adresse e-mail/)).toBeTruthy();
    expect(await axeViolations(document.body)).toEqual([]);

    await userEvent.click(within(dialog).getByRole('button', { name: 'Garder les données' }));
    expect(onClose).toHaveBeenCalledTimes(1);
    expect(calls.filter((c) => c.url.includes('/erase'))).toEqual([]);
  });

  it('erases once confirmed, then closes', async () => {
    const erased: string[] = [];
    stubFetch({
      ...coordinator(),
      [`POST /v1/participants/${PARTICIPANT_ID}/erase`]: (request) => {
        erased.push(request.headers.get('authorization') ?? '');
        return json({ participantId: PARTICIPANT_ID, erasedAt: '2026-12-01T09:00:00.000Z' });
      },
    });
    const onClose = renderDialog();

    await userEvent.click(await screen.findByRole('button', { name: 'Effacer définitivement' }));
    await waitFor(() => expect(onClose).toHaveBeenCalledTimes(1));
    expect(erased).toEqual(['Bearer token']);
  });

  it('shows the refusal in French and stays open when the person still has a session to come', async () => {
    const message = 'Cette personne a 1 inscription à venir : annulez-la d’abord, puis effacez ses données.';
    stubFetch({
      ...coordinator(),
      [`POST /v1/participants/${PARTICIPANT_ID}/erase`]: () =>
        json({ error: 'upcoming_registrations', message, details: { upcoming: 1 } }, 409),
    });
    const onClose = renderDialog();

    await userEvent.click(await screen.findByRole('button', { name: 'Effacer définitivement' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Les données n’ont pas été effacées');
    expect(alert.textContent).toContain(message);
    expect(onClose).not.toHaveBeenCalled();
    expect(screen.getByRole('dialog', { name: 'Effacer les données de Anaïs Martin ?' })).toBeTruthy();
  });

  it('says a lost connection in French', async () => {
    stubFetch({
      ...coordinator(),
      [`POST /v1/participants/${PARTICIPANT_ID}/erase`]: () => {
        throw new TypeError('Failed to fetch');
      },
    });
    renderDialog();

    await userEvent.click(await screen.findByRole('button', { name: 'Effacer définitivement' }));
    expect((await screen.findByRole('alert')).textContent).toContain('Connexion impossible');
  });
});
