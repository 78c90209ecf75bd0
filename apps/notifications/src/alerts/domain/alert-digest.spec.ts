import { AnnouncedSession, CONFIDENTIAL_TITLE, planDigests } from './alert-digest';
import { signAlertToken, verifyAlertToken } from './alert-token';

const session = (id: string, category: string, startsAt: string, confidential = false): AnnouncedSession => ({
  sessionId: id,
  category,
  title: `Atelier ${id}`,
  confidential,
  startsAt: new Date(startsAt),
  endsAt: new Date(new Date(startsAt).getTime() + 3600_000),
  timezone: 'Europe/Paris',
  venueName: 'Le Don du Souffle',
});

describe('planDigests', () => {
  const batch = [
    session('c', 'Énergie & Mouvement', '2026-03-12T17:30:00Z'),
    session('a', 'Énergie & Mouvement', '2026-03-05T17:30:00Z'),
    session('g', 'Groupes de parole', '2026-03-06T18:00:00Z', true),
  ];

  it('makes one digest per address, whatever the number of sessions and categories, sessions in time order', () => {
    const digests = planDigests(batch, [
      { alertId: '1', email: 'claire@example.org', category: 'Énergie & Mouvement' },
      { alertId: '2', email: 'Claire@Example.org', category: 'Groupes de parole' },
      { alertId: '3', email: 'karim@example.org', category: 'Énergie & Mouvement' },
    ]);
    expect(digests.map((d) => [d.email.toLowerCase(), d.sessions.length])).toEqual([
      ['claire@example.org', 3],
      ['karim@example.org', 2],
    ]);
    expect(digests[0].sessions.map((s) => s.date)).toEqual([
      'jeudi 5 mars 2026',
      'vendredi 6 mars 2026',
      'jeudi 12 mars 2026',
    ]);
  });

  it('announces a confidential activity as "un nouvel atelier", without its title or place', () => {
    const [digest] = planDigests(batch, [
      { alertId: '2', email: 'c@example.org', category: 'Groupes de parole' },
    ]);
    expect(digest.sessions).toEqual([expect.objectContaining({ title: CONFIDENTIAL_TITLE, venueName: '' })]);
    expect(JSON.stringify(digest)).not.toContain('Atelier g');
  });

  it('sends nothing to an address whose categories the batch does not touch', () => {
    expect(planDigests(batch, [{ alertId: '9', email: 'x@example.org', category: 'Sommeil' }])).toEqual([]);
  });
});

describe('alert links', () => {
  const secret = 'x'.repeat(32);
  const link = {
    purpose: 'confirm' as const,
    tenantId: '0193a0b4-0000-7000-8000-000000000001',
    alertId: '0193a0b4-0000-7000-8000-000000000002',
  };
  const now = new Date('2026-03-01T10:00:00Z');

  it('are good for their purpose only, until they expire, and not once altered', () => {
    const token = signAlertToken(link, secret, now);
    expect(verifyAlertToken(token, 'confirm', secret, now)).toEqual({ status: 'valid', link });
    expect(verifyAlertToken(token, 'unsubscribe', secret, now).status).toBe('invalid');
    expect(verifyAlertToken(token, 'confirm', secret, new Date(now.getTime() + 8 * 86_400_000)).status).toBe(
      'expired',
    );
    expect(verifyAlertToken(`${token}x`, 'confirm', secret, now).status).toBe('invalid');
    expect(verifyAlertToken(token, 'confirm', 'y'.repeat(32), now).status).toBe('invalid');
  });
});
