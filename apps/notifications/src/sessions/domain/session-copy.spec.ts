import { mergeSnapshot, SessionCopy, sessionView } from './session-copy';

const venue = { id: '0198c6a2-4b1e-7c3a-9f10-2d5e8a7b6c04', name: 'Le Don du Souffle', address: null };
const copy: SessionCopy = {
  tenantId: 't',
  sessionId: 's',
  activityId: 'a',
  title: 'Gestion des émotions',
  confidential: false,
  startsAt: new Date('2026-03-12T18:30:00Z'),
  endsAt: new Date('2026-03-12T20:00:00Z'),
  timezone: 'Europe/Paris',
  venue,
  facilitatorId: null,
  sequence: 2,
  status: 'published',
  priceCents: 0,
};
const snapshot = {
  title: 'Gestion des émotions',
  confidential: false,
  startsAt: '2026-03-05T18:30:00.000Z',
  endsAt: '2026-03-05T20:00:00.000Z',
  timezone: 'Europe/Paris',
  venue,
  sequence: 1,
};

describe('session copy', () => {
  it('keeps its own times when it holds a higher sequence than the snapshot', () => {
    expect(mergeSnapshot(copy, 't', 's', snapshot)).toEqual({ session: copy, timesChanged: false });
    expect(mergeSnapshot(copy, 't', 's', { ...snapshot, sequence: 2 }).session).toBe(copy);
  });

  it('takes the snapshot times when the snapshot is newer', () => {
    const { session, timesChanged } = mergeSnapshot(copy, 't', 's', { ...snapshot, sequence: 3 });
    expect(session.startsAt.toISOString()).toBe('2026-03-05T18:30:00.000Z');
    expect(session.sequence).toBe(3);
    expect(session.activityId).toBe('a');
    expect(timesChanged).toBe(true);
  });

  it('starts from the snapshot when the session is unknown', () => {
    const { session } = mergeSnapshot(null, 't', 's', snapshot);
    expect(session).toMatchObject({ tenantId: 't', sessionId: 's', sequence: 1, status: 'published' });
  });

  it('names a confidential session neutrally, in local time', () => {
    expect(sessionView({ ...copy, confidential: true }).title).toBe('Atelier du 12/03 à 19h30');
    expect(sessionView(copy).title).toBe('Gestion des émotions');
  });
});
