import { participantKey } from './batch-writer';
import { localDay } from './event-mappers';

describe('read-model projector helpers', () => {
  it('places a session in its local day and month, across a DST change and a month boundary', () => {
    // 31 March 2026, 23:30 UTC is already 1 April in Paris (summer time, UTC+2).
    expect(localDay('2026-03-31T23:30:00.000Z', 'Europe/Paris')).toEqual({
      date: '2026-04-01',
      month: '2026-04',
    });
    // 31 January, 23:30 UTC is 1 February in Paris (winter time, UTC+1).
    expect(localDay('2026-01-31T23:30:00.000Z', 'Europe/Paris')).toEqual({
      date: '2026-02-01',
      month: '2026-02',
    });
    expect(localDay('2026-01-31T23:30:00.000Z', 'America/Cayenne')).toEqual({
      date: '2026-01-31',
      month: '2026-01',
    });
  });

  it('falls back to Paris time for a zone it does not know rather than losing the session', () => {
    expect(localDay('2026-01-31T23:30:00.000Z', 'Mars/Olympus')).toEqual({
      date: '2026-02-01',
      month: '2026-02',
    });
  });

  it('keys participants by a digest of their id, the same for every event', () => {
    const id = '0198c6a2-4b1e-7c3a-9f10-2d5e8a7b6c08';
    expect(participantKey(id).equals(participantKey(id))).toBe(true);
    expect(participantKey(id).toString('hex')).not.toContain(id.replace(/-/g, ''));
    expect(participantKey(id)).toHaveLength(32);
  });
});
