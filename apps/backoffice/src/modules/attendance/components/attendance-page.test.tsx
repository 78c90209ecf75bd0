import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { vi } from 'vitest';
import { axeViolations, json, renderPage, stubFetch, tokenRoute } from '../../../test/render';
import { AttendancePage } from './attendance-page';

const SESSION_ID = '0198c6a2-4b1e-7c3a-9f10-2d5e8a7b6c55';
const session = {
  id: SESSION_ID,
  status: 'published',
  activity: {
    id: 'a',
    title: 'Cardio boxing',
    category: 'Énergie & Mouvement',
    objective: null,
    confidential: false,
  },
  venue: { id: 'v', name: 'Le Don du Souffle', address: null },
  facilitator: { id: 'f', name: 'Paul' },
  programme: null,
  startsAt: '2027-01-22T17:30:00Z',
  endsAt: '2027-01-22T18:30:00Z',
  timezone: 'Europe/Paris',
  capacity: 12,
  seatsTaken: 2,
};
const person = (id: string, firstName: string, status = 'confirmed') => ({
  id,
  sessionId: SESSION_ID,
  participantId: id,
  firstName,
  lastName: 'Martin',
  profession: 'infirmier',
  status,
  createdAt: '2027-01-01T00:00:00Z',
  statusChangedAt: '2027-01-01T00:00:00Z',
});

describe('AttendancePage (facilitator, phone)', () => {
  beforeEach(() => localStorage.clear());
  afterEach(() => vi.restoreAllMocks());

  it('lists the attendees by name and profession and records a tap', async () => {
    const posted: unknown[] = [];
    stubFetch({
      ...tokenRoute(),
      [`GET /v1/sessions/${SESSION_ID}`]: () => json(session),
      [`GET /v1/sessions/${SESSION_ID}/registrations`]: () =>
        json([person('r1', 'Claire'), person('r2', 'Léo', 'waitlisted')]),
      [`POST /v1/sessions/${SESSION_ID}/attendance`]: async (request) => {
        posted.push(await request.json());
        return json({ id: 'r1', status: 'attended', changed: true });
      },
    });
    const { container } = renderPage(<AttendancePage />, {
      route: `/mes-seances/${SESSION_ID}`,
      path: '/mes-seances/:id',
    });

    const row = await screen.findByRole('group', { name: 'Présence de Claire Martin' });
    expect(screen.getByText('Infirmier·e')).toBeTruthy();
    expect(screen.queryByText(/Léo/)).toBeNull(); // waitlisted: not at the session
    await userEvent.click(within(row).getByRole('button', { name: 'Présent' }));

    await waitFor(() => expect(posted).toEqual([{ registrationId: 'r1', attended: true }]));
    expect(within(row).getByRole('button', { name: 'Présent' }).getAttribute('aria-pressed')).toBe('true');
    expect(await axeViolations(container)).toEqual([]);
  });

  it('keeps a tap made offline, says it is not saved yet, and keeps it for a reload', async () => {
    stubFetch({
      ...tokenRoute(),
      [`GET /v1/sessions/${SESSION_ID}`]: () => json(session),
      [`GET /v1/sessions/${SESSION_ID}/registrations`]: () => json([person('r1', 'Claire')]),
      [`POST /v1/sessions/${SESSION_ID}/attendance`]: () => {
        throw new TypeError('Failed to fetch');
      },
    });
    renderPage(<AttendancePage />, { route: `/mes-seances/${SESSION_ID}`, path: '/mes-seances/:id' });

    const row = await screen.findByRole('group', { name: 'Présence de Claire Martin' });
    await userEvent.click(within(row).getByRole('button', { name: 'Absent' }));

    expect(await screen.findByText('Pas encore enregistré')).toBeTruthy();
    expect(screen.getByText('1 pointage pas encore enregistré')).toBeTruthy();
    expect(JSON.parse(localStorage.getItem(`respire.attendance.${SESSION_ID}`)!)).toEqual([
      { sessionId: SESSION_ID, registrationId: 'r1', attended: false },
    ]);
  });

  it('downloads the session’s attendance sheet with the facilitator’s token', async () => {
    const asked: (string | null)[] = [];
    stubFetch({
      ...tokenRoute(),
      [`GET /v1/sessions/${SESSION_ID}`]: () => json(session),
      [`GET /v1/sessions/${SESSION_ID}/registrations`]: () => json([person('r1', 'Claire')]),
      [`GET /v1/sessions/${SESSION_ID}/attendance-sheet.pdf`]: (request) => {
        asked.push(request.headers.get('authorization'));
        return new Response('%PDF-1.7', { headers: { 'content-type': 'application/pdf' } });
      },
    });
    // jsdom has no object URLs and does not download: record what the app hands the browser.
    const saved: Blob[] = [];
    URL.createObjectURL = (blob: Blob) => {
      saved.push(blob);
      return 'blob:feuille';
    };
    URL.revokeObjectURL = () => undefined;
    const clicked: string[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push(this.download);
    });
    renderPage(<AttendancePage />, { route: `/mes-seances/${SESSION_ID}`, path: '/mes-seances/:id' });

    await userEvent.click(await screen.findByRole('button', { name: 'Feuille d’émargement (PDF)' }));
    await waitFor(() => expect(clicked).toEqual(['feuille-emargement.pdf']));
    expect(asked).toEqual(['Bearer token']);
    expect(await saved[0]!.text()).toBe('%PDF-1.7');
  });

  it('refuses another facilitator’s session in plain words', async () => {
    stubFetch({
      ...tokenRoute(),
      [`GET /v1/sessions/${SESSION_ID}`]: () =>
        json({ error: 'session_not_found', message: 'Séance introuvable' }, 404),
    });
    renderPage(<AttendancePage />, { route: `/mes-seances/${SESSION_ID}`, path: '/mes-seances/:id' });

    expect(await screen.findByText(/n’est pas l’une des vôtres/)).toBeTruthy();
  });
});
