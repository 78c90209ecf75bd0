import { eventKey } from '@respire/contracts';
import { History } from '../../../test/scripted-history';
import { EVENT_MAPPERS } from './event-mappers';
import { ProjectionBatch } from './projection-batch';
import { emptySession, RegistrationRow, SessionRow } from './read-model-rows';

const tenantId = '0198c6a2-0000-7000-8000-000000000001';
const venue = { id: '0198c6a2-0000-7000-8000-0000000000aa', name: 'Salle A', address: null };
const mappers = new Map(EVENT_MAPPERS.map((m) => [eventKey(m.definition.type, m.definition.version), m]));

function batchOf(h: History, from = 0): ProjectionBatch {
  const batch = new ProjectionBatch();
  for (const { envelope } of h.events.slice(from))
    mappers.get(eventKey(envelope.type, envelope.version))!.map(envelope, batch);
  return batch;
}

function history(): History {
  const h = new History(tenantId);
  h.person('ana', 'infirmier', 'liberal', '25');
  h.person('bob', 'medecin', 'salarie', '39');
  h.publishSession(
    'S',
    {
      activityId: '0198c6a2-0000-7000-8000-0000000000bb',
      title: 'Pilates',
      category: 'Énergie',
      confidential: false,
      programmeId: null,
      startsAt: '2026-03-31T21:30:00.000Z',
      endsAt: '2026-03-31T22:30:00.000Z',
      venue,
      capacity: 12,
    },
    '2026-03-01T09:00:00.000Z',
  );
  return h;
}

describe('ProjectionBatch: a batch of events folded in order, as one event at a time would leave the rows', () => {
  it('has one mapper per event kind the read models follow', () => {
    expect(EVENT_MAPPERS).toHaveLength(24);
    expect(new Set(EVENT_MAPPERS.map((m) => m.definition.type)).size).toBe(24);
  });

  it('folds a registration created and changed within the batch, with its placeholder session and newest profile', () => {
    const h = history();
    const from = h.events.length; // the registration topic only: the catalog's events have not arrived
    h.waitlist('S', 'ana', 1, '2026-03-02T09:00:00.000Z');
    h.offer('S', 'ana', '2026-03-03T09:00:00.000Z');
    h.accept('S', 'ana', '2026-03-03T10:00:00.000Z');
    h.confirm('S', 'ana', '2026-03-03T10:00:00.000Z', 'offer');
    h.attend('S', 'ana', '2026-03-31T21:30:00.000Z');
    const folded = batchOf(h, from).foldRegistrations(new Map());

    const registrationId = h.registrationId('S', 'ana');
    expect(folded.created).toEqual(new Set([registrationId]));
    expect(folded.rows).toEqual([
      expect.objectContaining({
        registrationId,
        status: 'attended',
        via: 'offer',
        waitlistedAt: '2026-03-02T09:00:00.000Z',
        offeredAt: '2026-03-03T09:00:00.000Z',
        offerAccepted: true,
        confirmedAt: '2026-03-03T10:00:00.000Z',
        endedAt: null,
      }),
    ]);
    // Placed in Paris's local day: 31 March 21:30 UTC is 23:30 in Paris.
    expect(folded.placeholders).toEqual([
      expect.objectContaining({
        status: 'placeholder',
        title: 'Pilates',
        localDate: '2026-03-31',
        localMonth: '2026-03',
        venueId: venue.id,
      }),
    ]);
    const ana = h.people.get('ana')!;
    expect(folded.participants.get(ana.id)).toEqual(
      expect.objectContaining({ profession: 'infirmier', at: '2026-03-03T10:00:00.000Z' }),
    );
  });

  it('applies later events to the row as it stands: first times are kept, a waitlisting does not undo a seat', () => {
    const h = history();
    const from = h.events.length;
    h.waitlist('S', 'bob', 1, '2026-03-05T09:00:00.000Z');
    h.cancel('S', 'bob', '2026-03-06T09:00:00.000Z', 'participant');
    const registrationId = h.registrationId('S', 'bob');
    const existing: RegistrationRow = {
      registrationId,
      sessionId: h.sessionId('S'),
      participantId: 'stand-in',
      status: 'confirmed',
      via: 'direct',
      waitlistedAt: '2026-03-01T00:00:00.000Z',
      offeredAt: null,
      offerAccepted: false,
      confirmedAt: '2026-03-04T09:00:00.000Z',
      endedAt: null,
      cancelledBy: null,
      cancelledFrom: null,
      lateCancellation: null,
      minutesBeforeStart: null,
    };
    const folded = batchOf(h, from).foldRegistrations(new Map([[registrationId, existing]]));
    expect(folded.created.size).toBe(0);
    expect(folded.placeholders).toEqual([]);
    expect(folded.rows[0]).toEqual(
      expect.objectContaining({
        participantId: 'stand-in',
        status: 'cancelled',
        waitlistedAt: '2026-03-01T00:00:00.000Z',
        confirmedAt: '2026-03-04T09:00:00.000Z',
        endedAt: '2026-03-06T09:00:00.000Z',
        cancelledBy: 'participant',
      }),
    );
    // The waitlisting refreshes the participant row (no profile); the cancellation does not need it.
    expect([...folded.participants.entries()]).toEqual([[h.people.get('bob')!.id, null]]);
  });

  it('creates a confirmed row when a later event finds none (events lost upstream)', () => {
    const h = history();
    h.confirm('S', 'ana', '2026-03-02T09:00:00.000Z'); // not in the batch
    h.noShow('S', 'ana', '2026-03-31T22:30:00.000Z');
    const batch = new ProjectionBatch();
    const noShow = h.events[h.events.length - 1].envelope;
    mappers.get(eventKey(noShow.type, noShow.version))!.map(noShow, batch);
    const folded = batch.foldRegistrations(new Map());
    expect(folded.rows[0]).toEqual(
      expect.objectContaining({ status: 'no_show', confirmedAt: null, via: null }),
    );
    expect(folded.placeholders).toEqual([emptySession(h.sessionId('S'))]); // no snapshot on a no-show
    expect(folded.participants.get(h.people.get('ana')!.id)).toBeNull();
  });

  it('keeps the newest session schedule by sequence and a cancellation over a completion', () => {
    const h = history();
    h.reschedule('S', '2026-04-07T16:00:00.000Z', '2026-04-07T17:00:00.000Z', '2026-03-10T09:00:00.000Z');
    const [published, rescheduled] = [h.events[0].envelope, h.events[1].envelope];
    const sessionId = h.sessionId('S');
    const fold = (events: (typeof published)[], start: SessionRow = emptySession(sessionId)) => {
      const batch = new ProjectionBatch();
      for (const e of events) mappers.get(eventKey(e.type, e.version))!.map(e, batch);
      return batch.foldSessions(new Map([[sessionId, start]]))[0];
    };
    const inOrder = fold([published, rescheduled]);
    const reversed = fold([rescheduled, published]); // the reschedule reached a placeholder first
    for (const row of [inOrder, reversed]) {
      expect(row).toEqual(
        expect.objectContaining({
          status: 'published',
          localDate: '2026-04-07',
          sequence: 1,
          capacity: 12,
          title: 'Pilates',
        }),
      );
    }
    expect(fold([rescheduled, rescheduled]).sequence).toBe(1);

    const closed = new ProjectionBatch();
    closed.session(sessionId, (row) => ({ ...row, status: 'cancelled' }));
    for (const e of [h.events[0].envelope]) mappers.get(eventKey(e.type, e.version))!.map(e, closed);
    expect(closed.foldSessions(new Map())[0].status).toBe('cancelled');
  });

  it('keeps the newest venue name, the first feedback, the latest delivery attempt and the tenant slug it knows', () => {
    const batch = new ProjectionBatch();
    batch.venue({ venueId: 'v', name: 'new', seenAt: '2026-03-02T00:00:00.000Z' });
    batch.venue({ venueId: 'v', name: 'old', seenAt: '2026-03-01T00:00:00.000Z' });
    expect(batch.venues.get('v')!.name).toBe('new');
    const delivery = {
      deliveryId: 'd',
      template: 't',
      channel: 'email',
      occurredAt: '2026-03-01T00:00:00.000Z',
    };
    batch.delivery({ ...delivery, outcome: 'retrying', attempts: 2 });
    batch.delivery({ ...delivery, outcome: 'failed', attempts: 1 });
    batch.delivery({ ...delivery, outcome: 'sent', attempts: 2 });
    expect(batch.deliveries.get('d')).toEqual(expect.objectContaining({ outcome: 'sent', attempts: 2 }));
    batch.tenant({ tenantId, slug: 'capacites', name: 'A', timezone: 'Europe/Paris' });
    batch.tenant({ tenantId, slug: null, name: 'B', timezone: 'Europe/Paris' });
    expect(batch.tenants.get(tenantId)).toEqual({
      tenantId,
      slug: 'capacites',
      name: 'B',
      timezone: 'Europe/Paris',
    });
  });
});
