import { SessionCopy } from '../../sessions/domain/session-copy';
import { TenantPolicy } from '../../tenants/domain/tenant-policy';
import {
  ProfessionNotEligibleError,
  RegistrationClosedError,
  RegistrationNotOpenError,
  SessionAlreadyStartedError,
  SessionCancelledError,
} from './registration-errors';
import { frenchDateTime } from './french-date';
import {
  InvalidTransitionError,
  LinkNoLongerValidError,
  TargetSessionFullError,
} from './registration-errors';
import { RegistrationStatus } from './registration-status';
import { SeatDecision, SeatRegistration, SessionSeats } from './session-seats';

const now = new Date('2026-01-20T12:00:00.000Z');
const hours = (n: number) => new Date(now.getTime() + n * 3600_000);

function session(overrides: Partial<SessionCopy> = {}): SessionCopy {
  return {
    tenantId: 't',
    id: 's',
    activityId: 'a',
    programmeId: null,
    title: 'Cardio boxing',
    category: 'Énergie & Mouvement',
    confidential: false,
    startsAt: hours(48),
    endsAt: hours(49),
    timezone: 'Europe/Paris',
    venue: { id: 'v', name: 'Le Don du Souffle', address: null },
    facilitatorId: null,
    facilitatorName: null,
    programmeTitle: null,
    funder: null,
    capacity: 10,
    registrationOpensAt: null,
    registrationClosesAt: null,
    eligibleProfessions: [],
    eligiblePracticeModes: [],
    priceCents: 0,
    sequence: 0,
    status: 'published',
    cancellationReason: null,
    seatsHeld: 0,
    version: 'v1',
    ...overrides,
  };
}

const policy: TenantPolicy = {
  tenantId: 't',
  slug: 'cpts',
  name: 'CPTS',
  timezone: 'Europe/Paris',
  waitlistMode: 'offer',
  offerTtlMinutes: 24 * 60,
  offerCutoffMinutes: 120,
  lateCancellationMinutes: 24 * 60,
};
const autoConfirm: TenantPolicy = { ...policy, waitlistMode: 'auto-confirm' };

/** A session of 10 seats starting in 48 h, as its locked row would be, with `overrides`. */
const seats = (overrides: Partial<SessionCopy> = {}, tenantPolicy = policy) =>
  new SessionSeats(session(overrides), tenantPolicy, now);
const reg = (
  id: string,
  status: RegistrationStatus,
  offerExpiresAt: Date | null = null,
): SeatRegistration => ({ id, status, offerExpiresAt });
const waiting = (...ids: string[]) => ids.map((id) => reg(id, 'waitlisted'));
const publicNewcomer = { origin: 'public', profession: 'infirmier' } as const;
const coordinatorNewcomer = { origin: 'coordinator' } as const;

/** A decision in one readable line per change, event and timer. */
function summary(decision: SeatDecision<SeatRegistration>): string[] {
  return [
    ...decision.changes.map(({ registration, change }) => {
      const details = [
        change.confirmedVia && `via ${change.confirmedVia}`,
        change.offerExpiresAt && `until +${(change.offerExpiresAt.getTime() - now.getTime()) / 3600_000}h`,
        change.lateCancellation && 'late',
      ].filter(Boolean);
      return `${registration.id}: ${registration.status} → ${change.status}${details.length ? ` (${details.join(', ')})` : ''}`;
    }),
    ...decision.events.map(
      (event) =>
        `event ${event.type} ${event.registration.id}${event.type === 'waitlisted' ? ` #${event.position}` : ''}`,
    ),
    ...decision.timers.map((timer) =>
      timer.type === 'expire-offer'
        ? `timer expire ${timer.registrationId} at +${(timer.at.getTime() - now.getTime()) / 3600_000}h`
        : `timer promote (${timer.cause})`,
    ),
  ];
}

/** Every seat decision: [situation and operation, decision, expected outcome]. */
const SEAT_CASES: [string, () => unknown, unknown][] = [
  // Registering: a seat only when one is free AND nobody waits; else the end of the waitlist.
  [
    'register · 10 seats, 9 held, nobody waiting → a seat',
    () => seats({ seatsHeld: 9 }).register(publicNewcomer, 0),
    { status: 'confirmed' },
  ],
  [
    'register · full, nobody waiting → waitlist #1',
    () => seats({ seatsHeld: 10 }).register(publicNewcomer, 0),
    { status: 'waitlisted', position: 1 },
  ],
  [
    'register · full, 3 waiting → waitlist #4',
    () => seats({ seatsHeld: 10 }).register(publicNewcomer, 3),
    { status: 'waitlisted', position: 4 },
  ],
  [
    'register · a seat freed, 2 waiting (offer on its way) → waitlist #3, behind them',
    () => seats({ seatsHeld: 9 }).register(publicNewcomer, 2),
    { status: 'waitlisted', position: 3 },
  ],
  [
    'register · inside the offer cutoff, a seat freed, 1 waiting → waitlist #2 (no newcomer takes a seat owed to the waitlist)',
    () => seats({ startsAt: hours(1), seatsHeld: 9 }).register(publicNewcomer, 1),
    { status: 'waitlisted', position: 2 },
  ],
  [
    'register · inside the cutoff, a seat free, nobody waiting → a seat',
    () => seats({ startsAt: hours(1), seatsHeld: 9 }).register(publicNewcomer, 0),
    { status: 'confirmed' },
  ],
  [
    'register · capacity lowered under the seats held (12 of 10) → waitlist',
    () => seats({ seatsHeld: 12 }).register(publicNewcomer, 0),
    { status: 'waitlisted', position: 1 },
  ],
  [
    'register · a coordinator follows the same rule',
    () => seats({ seatsHeld: 9 }).register(coordinatorNewcomer, 1),
    { status: 'waitlisted', position: 2 },
  ],
  [
    'register · cancelled session → refused',
    () => seats({ status: 'cancelled' }).register(publicNewcomer, 0),
    SessionCancelledError,
  ],
  [
    'register · started session → refused',
    () => seats({ startsAt: now }).register(publicNewcomer, 0),
    SessionAlreadyStartedError,
  ],
  [
    'register · completed session → refused',
    () => seats({ status: 'completed' }).register(coordinatorNewcomer, 0),
    SessionAlreadyStartedError,
  ],
  [
    'register · window not open yet → refused (public)',
    () => seats({ registrationOpensAt: hours(1) }).register(publicNewcomer, 0),
    RegistrationNotOpenError,
  ],
  [
    'register · window closed → refused (public)',
    () => seats({ registrationClosesAt: now }).register(publicNewcomer, 0),
    RegistrationClosedError,
  ],
  [
    'register · window closed → a coordinator may still',
    () => seats({ registrationClosesAt: now }).register(coordinatorNewcomer, 0),
    { status: 'confirmed' },
  ],
  [
    'register · reserved to other professions → refused (public)',
    () => seats({ eligibleProfessions: ['medecin'] }).register(publicNewcomer, 0),
    ProfessionNotEligibleError,
  ],

  // Cancelling: the seat goes back to the waitlist; late only for a participant's confirmed seat.
  [
    'cancel · participant, confirmed, 48 h before → freed seat promoted',
    () => summary(seats().cancel(reg('r1', 'confirmed'), 'participant', null)),
    ['r1: confirmed → cancelled', 'event cancelled r1', 'timer promote (cancelled-r1)'],
  ],
  [
    'cancel · participant, confirmed, 23 h before (notice 24 h) → late',
    () => summary(seats({ startsAt: hours(23) }).cancel(reg('r1', 'confirmed'), 'participant', null)),
    ['r1: confirmed → cancelled (late)', 'event cancelled r1', 'timer promote (cancelled-r1)'],
  ],
  [
    'cancel · coordinator, 23 h before → never late',
    () => summary(seats({ startsAt: hours(23) }).cancel(reg('r1', 'confirmed'), 'coordinator', 'malade')),
    ['r1: confirmed → cancelled', 'event cancelled r1', 'timer promote (cancelled-r1)'],
  ],
  [
    'cancel · participant, waitlisted, 23 h before → not late, no seat to give',
    () => summary(seats({ startsAt: hours(23) }).cancel(reg('r1', 'waitlisted'), 'participant', null)),
    ['r1: waitlisted → cancelled', 'event cancelled r1'],
  ],
  [
    'cancel · offered → the held seat promoted',
    () => summary(seats().cancel(reg('r1', 'offered', hours(2)), 'participant', null)),
    ['r1: offered → cancelled', 'event cancelled r1', 'timer promote (cancelled-r1)'],
  ],
  [
    'cancel · already cancelled → refused (participant)',
    () => seats().cancel(reg('r1', 'cancelled'), 'participant', null),
    LinkNoLongerValidError,
  ],
  [
    'cancel · attended → refused (coordinator)',
    () => seats().cancel(reg('r1', 'attended'), 'coordinator', null),
    InvalidTransitionError,
  ],
  [
    'cancel · session started → refused',
    () => seats({ startsAt: now }).cancel(reg('r1', 'confirmed'), 'coordinator', null),
    InvalidTransitionError,
  ],

  // Answering an offer.
  [
    'respond · accept a running offer → confirmed',
    () => summary(seats().respondToOffer(reg('r1', 'offered', hours(2)), 'accept')),
    ['r1: offered → confirmed (via offer)', 'event offer-accepted r1', 'event confirmed r1'],
  ],
  [
    'respond · decline → the seat to the next person',
    () => summary(seats().respondToOffer(reg('r1', 'offered', hours(2)), 'decline')),
    ['r1: offered → declined', 'event offer-declined r1', 'timer promote (declined-r1)'],
  ],
  [
    'respond · offer past its expiry → refused',
    () => seats().respondToOffer(reg('r1', 'offered', now), 'accept'),
    LinkNoLongerValidError,
  ],
  [
    'respond · no offer (still waitlisted) → refused',
    () => seats().respondToOffer(reg('r1', 'waitlisted'), 'accept'),
    LinkNoLongerValidError,
  ],

  // Promoting: the head of the waitlist, as many as free seats, first come first served.
  [
    'promote · 2 free, 3 waiting → 2 offers for the TTL (24 h)',
    () => summary(seats({ seatsHeld: 8 }).promote(waiting('w1', 'w2', 'w3'))),
    [
      'w1: waitlisted → offered (until +24h)',
      'w2: waitlisted → offered (until +24h)',
      'event offered w1',
      'event offered w2',
      'timer expire w1 at +24h',
      'timer expire w2 at +24h',
    ],
  ],
  [
    'promote · session in 10 h → the offer ends at the cutoff (8 h)',
    () => summary(seats({ startsAt: hours(10), seatsHeld: 9 }).promote(waiting('w1'))),
    ['w1: waitlisted → offered (until +8h)', 'event offered w1', 'timer expire w1 at +8h'],
  ],
  [
    'promote · tenant auto-confirms → confirmed at once',
    () => summary(seats({ seatsHeld: 9 }, autoConfirm).promote(waiting('w1', 'w2'))),
    ['w1: waitlisted → confirmed (via auto-promotion)', 'event confirmed w1'],
  ],
  [
    'promote · inside the cutoff → nothing: people stay waitlisted',
    () => summary(seats({ startsAt: hours(1), seatsHeld: 9 }).promote(waiting('w1'))),
    [],
  ],
  [
    'promote · cancelled session → nothing',
    () => summary(seats({ status: 'cancelled', seatsHeld: 0 }).promote(waiting('w1'))),
    [],
  ],
  ['promote · no free seat → nothing', () => summary(seats({ seatsHeld: 10 }).promote(waiting('w1'))), []],

  // Expiring an offer: expired, and its seat to the next person in the same decision.
  [
    'expire · offer due, 1 waiting → expired, next offered',
    () => {
      const r = seats({ seatsHeld: 10 }).expireOffer(reg('o1', 'offered', now), waiting('w1', 'w2'));
      return r.outcome === 'expired' ? summary(r.decision) : r;
    },
    [
      'o1: offered → expired',
      'w1: waitlisted → offered (until +24h)',
      'event offer-expired o1',
      'event offered w1',
      'timer expire w1 at +24h',
    ],
  ],
  [
    'expire · offer due, inside the cutoff → expired, the seat stays free',
    () => {
      const r = seats({ startsAt: hours(1), seatsHeld: 10 }).expireOffer(
        reg('o1', 'offered', now),
        waiting('w1'),
      );
      return r.outcome === 'expired' ? summary(r.decision) : r;
    },
    ['o1: offered → expired', 'event offer-expired o1'],
  ],
  [
    'expire · not due yet → come back at the expiry',
    () => seats().expireOffer(reg('o1', 'offered', hours(1)), []),
    { outcome: 'not-due', dueAt: hours(1) },
  ],
  [
    'expire · already accepted → nothing to do',
    () => seats().expireOffer(reg('o1', 'confirmed', now), []),
    { outcome: 'nothing-to-do' },
  ],

  // Closing attendance (no-show rule): REGISTRATION_NO_SHOW_DELAY_MINUTES after the end.
  [
    'close attendance · ended 2 h ago, delay 60 min → unchecked confirmed become no-shows',
    () => {
      const r = seats({ startsAt: hours(-3), endsAt: hours(-2) }).closeAttendance(
        [reg('c1', 'confirmed'), reg('c2', 'confirmed')],
        60,
      );
      return r.outcome === 'closed' ? summary(r.decision) : r;
    },
    ['c1: confirmed → no_show', 'c2: confirmed → no_show', 'event no-show c1', 'event no-show c2'],
  ],
  [
    'close attendance · ended 30 min ago, delay 60 min → not due',
    () => seats({ startsAt: hours(-1.5), endsAt: hours(-0.5) }).closeAttendance([reg('c1', 'confirmed')], 60),
    { outcome: 'not-due', dueAt: hours(0.5) },
  ],
  [
    'close attendance · cancelled session → nothing to do',
    () => seats({ status: 'cancelled', startsAt: hours(-3), endsAt: hours(-2) }).closeAttendance([], 60),
    { outcome: 'nothing-to-do' },
  ],

  // Moving: cancelled here (never late), placed there as a newcomer.
  [
    'move · confirmed to a session with a free seat, nobody waiting → seat there, seat here promoted',
    () => {
      const m = seats({ startsAt: hours(23) }).move(
        reg('r1', 'confirmed'),
        seats({ seatsHeld: 3 }),
        0,
        false,
      );
      return [m.placement, summary(m.leave)];
    },
    [
      { status: 'confirmed' },
      ['r1: confirmed → cancelled', 'event cancelled r1', 'timer promote (moved-r1)'],
    ],
  ],
  [
    'move · target with a free seat but 1 waiting, waitlist allowed → waitlist #2 there',
    () => seats().move(reg('r1', 'waitlisted'), seats({ seatsHeld: 9 }), 1, true).placement,
    { status: 'waitlisted', position: 2 },
  ],
  [
    'move · target full, waitlist refused → refused',
    () => seats().move(reg('r1', 'confirmed'), seats({ seatsHeld: 10 }), 0, false),
    TargetSessionFullError,
  ],
  [
    'move · target cancelled → refused',
    () => seats().move(reg('r1', 'confirmed'), seats({ status: 'cancelled' }), 0, true),
    SessionCancelledError,
  ],
  [
    'move · a finished registration → refused',
    () => seats().move(reg('r1', 'expired'), seats(), 0, true),
    InvalidTransitionError,
  ],
];

describe('SessionSeats: every seat decision', () => {
  it.each(SEAT_CASES)('%s', (_situation, decide, expected) => {
    if (typeof expected === 'function') expect(decide).toThrow(expected as new (...args: never[]) => Error);
    else expect(decide()).toEqual(expected);
  });
});

describe('SessionSeats: offers and notice', () => {
  it('holds an offer for the TTL, capped to the cutoff before the start; none inside the cutoff', () => {
    expect(seats().offerExpiry()).toEqual(hours(24));
    expect(seats({ startsAt: hours(10) }).offerExpiry()).toEqual(hours(8));
    expect(seats({ startsAt: hours(2) }).offerExpiry()).toBeNull();
    expect(seats({ startsAt: hours(1) }).canPromote()).toBe(false);
    expect(seats({ status: 'cancelled' }).canPromote()).toBe(false);
    expect(seats().canPromote()).toBe(true);
  });

  it('says when registration opens, in the session’s local time and in French', () => {
    expect(frenchDateTime(new Date('2026-01-22T17:30:00.000Z'), 'Europe/Paris')).toBe(
      'jeudi 22 janvier 2026 à 18h30',
    );
  });
});
