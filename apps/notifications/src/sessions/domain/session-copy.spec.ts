import { mergeSnapshot, sessionView } from './session-copy';
import { storedSession } from './session-copy.fixture';

const copy = storedSession;
const venue = copy.venue;
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
