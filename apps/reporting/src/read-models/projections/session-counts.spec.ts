import { newRegistration, RegistrationRow } from './read-model-rows';
import { COUNT_RULES, CountedMetric, DELTA_COLUMNS, SessionCountDeltas } from './session-counts';

const S = '0198c6a2-0000-7000-8000-00000000000a';
const T = '0198c6a2-0000-7000-8000-00000000000b';
const at = (day: number) => `2026-03-${String(day).padStart(2, '0')}T09:00:00.000Z`;

const confirmed = (): RegistrationRow => ({
  ...newRegistration('r1', S, 'confirmed'),
  via: 'direct',
  confirmedAt: at(1),
});
const waiting = (): RegistrationRow => ({ ...newRegistration('r1', S, 'waitlisted'), waitlistedAt: at(1) });
const cancelled = (by: string, late: boolean): RegistrationRow => ({
  ...confirmed(),
  status: 'cancelled',
  endedAt: at(2),
  cancelledBy: by,
  cancelledFrom: 'confirmed',
  lateCancellation: late,
  minutesBeforeStart: 60,
});

/** A delta as { metric: n } for the metrics it changes (ratings as rating_<n>). */
function changes(deltas: SessionCountDeltas, sessionId = S): Record<string, number> {
  const row = deltas.rows().find((r) => r.sessionId === sessionId);
  if (!row) return {};
  const named: Record<string, number> = {};
  row.delta.forEach((n, i) => {
    if (n === 0) return;
    const rule = COUNT_RULES[i];
    named[rule ? rule.metric : DELTA_COLUMNS[i]] = n;
  });
  return named;
}

type Case = [
  string,
  RegistrationRow | undefined,
  RegistrationRow,
  Partial<Record<CountedMetric, number>>,
  boolean,
];

describe('SessionCountDeltas: what a registration row changing adds to its session rollup', () => {
  const cases: Case[] = [
    [
      'created confirmed',
      undefined,
      confirmed(),
      { registrations: 1, confirmed: 1, attendanceOpen: 1 },
      false,
    ],
    [
      'created on the waitlist',
      undefined,
      waiting(),
      { registrations: 1, waitlisted: 1, stillWaiting: 1 },
      true,
    ],
    ['left as it was (redelivered or repeated event)', confirmed(), confirmed(), {}, false],
    [
      'confirmed → cancelled late by the participant',
      confirmed(),
      cancelled('participant', true),
      {
        confirmed: -1,
        attendanceOpen: -1,
        cancellations: 1,
        cancelledByParticipant: 1,
        lateCancellations: 1,
      },
      false,
    ],
    [
      'confirmed → cancelled by the coordinator, not late',
      confirmed(),
      cancelled('coordinator', false),
      { confirmed: -1, attendanceOpen: -1, cancellations: 1, cancelledByCoordinator: 1 },
      false,
    ],
    [
      'confirmed → cancelled with its session',
      confirmed(),
      cancelled('session-cancelled', false),
      { confirmed: -1, attendanceOpen: -1, cancellations: 1, cancelledBySession: 1 },
      false,
    ],
    [
      'confirmed → attended',
      confirmed(),
      { ...confirmed(), status: 'attended' },
      { attendanceOpen: -1, attended: 1 },
      false,
    ],
    [
      'confirmed → no-show',
      confirmed(),
      { ...confirmed(), status: 'no_show' },
      { attendanceOpen: -1, noShows: 1 },
      false,
    ],
    [
      'attended → no-show (attendance corrected)',
      { ...confirmed(), status: 'attended' },
      { ...confirmed(), status: 'no_show' },
      { attended: -1, noShows: 1 },
      false,
    ],
    [
      'waiting → offered',
      waiting(),
      { ...waiting(), status: 'offered', offeredAt: at(3) },
      { offersMade: 1 },
      true,
    ],
    [
      'offered → accepted and confirmed',
      { ...waiting(), status: 'offered', offeredAt: at(3) },
      {
        ...waiting(),
        status: 'confirmed',
        offeredAt: at(3),
        offerAccepted: true,
        confirmedAt: at(4),
        via: 'offer',
      },
      { stillWaiting: -1, confirmed: 1, attendanceOpen: 1, offersAccepted: 1 },
      true,
    ],
    [
      'offered → expired',
      { ...waiting(), status: 'offered', offeredAt: at(3) },
      { ...waiting(), status: 'expired', offeredAt: at(3), endedAt: at(4) },
      { stillWaiting: -1, offersExpired: 1 },
      true,
    ],
    [
      'offered → declined',
      { ...waiting(), status: 'offered', offeredAt: at(3) },
      { ...waiting(), status: 'declined', offeredAt: at(3), endedAt: at(4) },
      { stillWaiting: -1, offersDeclined: 1 },
      true,
    ],
    [
      'created and ended within one batch: counted once, as it ends',
      undefined,
      cancelled('participant', false),
      { registrations: 1, cancellations: 1, cancelledByParticipant: 1 },
      false,
    ],
  ];

  it.each(cases)('%s', (_name, before, after, expected, recount) => {
    const deltas = new SessionCountDeltas();
    deltas.registration(before, after);
    expect(changes(deltas)).toEqual(expected);
    expect(deltas.recount.has(S)).toBe(recount);
  });

  it('aggregates a batch by session: one row per session, in session order, without sessions left unchanged', () => {
    const deltas = new SessionCountDeltas();
    deltas.registration(undefined, { ...confirmed(), sessionId: T });
    deltas.registration(undefined, { ...confirmed(), registrationId: 'r2', sessionId: T });
    deltas.registration(confirmed(), confirmed());
    deltas.rating(T, 5);
    deltas.rating(T, 5);
    deltas.rating(T, 2);
    expect(deltas.rows().map((row) => row.sessionId)).toEqual([T]);
    expect(changes(deltas, T)).toEqual({
      registrations: 2,
      confirmed: 2,
      attendanceOpen: 2,
      rating_2: 1,
      rating_5: 2,
    });

    deltas.registration(undefined, confirmed());
    expect(deltas.rows().map((row) => row.sessionId)).toEqual([S, T]);
  });

  it('moves a registration between sessions: removed from one, added to the other, both recounted when it waited', () => {
    const deltas = new SessionCountDeltas();
    deltas.registration(waiting(), { ...waiting(), sessionId: T });
    expect(changes(deltas, S)).toEqual({ registrations: -1, waitlisted: -1, stillWaiting: -1 });
    expect(changes(deltas, T)).toEqual({ registrations: 1, waitlisted: 1, stillWaiting: 1 });
    expect([...deltas.recount].sort()).toEqual([S, T]);
  });

  it('recounts a rescheduled session even when none of its counts change (its row is locked first)', () => {
    const deltas = new SessionCountDeltas();
    deltas.rescheduled(S);
    expect(deltas.rows()).toEqual([{ sessionId: S, delta: DELTA_COLUMNS.map(() => 0) }]);
  });
});
