import { SessionCopy, TenantPolicy } from '../../sessions/domain/session-copy';
import {
  ProfessionNotEligibleError,
  RegistrationClosedError,
  RegistrationNotOpenError,
  SessionAlreadyStartedError,
  SessionCancelledError,
} from './registration-errors';
import { assertOpenForRegistration, canPromote, frenchDateTime, isLateCancellation, offerExpiry } from './seat-rules';

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

describe('who may register', () => {
  it('lets anyone register to a published future session with an open window', () => {
    expect(() => assertOpenForRegistration(session(), 'infirmier', now)).not.toThrow();
  });

  it('refuses a cancelled, started, completed, not yet open, closed or reserved session', () => {
    expect(() => assertOpenForRegistration(session({ status: 'cancelled' }), 'infirmier', now)).toThrow(SessionCancelledError);
    expect(() => assertOpenForRegistration(session({ startsAt: now }), 'infirmier', now)).toThrow(SessionAlreadyStartedError);
    expect(() => assertOpenForRegistration(session({ status: 'completed' }), 'infirmier', now)).toThrow(SessionAlreadyStartedError);
    expect(() => assertOpenForRegistration(session({ registrationOpensAt: hours(1) }), 'infirmier', now)).toThrow(RegistrationNotOpenError);
    expect(() => assertOpenForRegistration(session({ registrationClosesAt: now }), 'infirmier', now)).toThrow(RegistrationClosedError);
    expect(() => assertOpenForRegistration(session({ eligibleProfessions: ['medecin'] }), 'infirmier', now)).toThrow(
      ProfessionNotEligibleError,
    );
  });

  it('says when registration opens, in the session’s local time and in French', () => {
    expect(frenchDateTime(new Date('2026-01-22T17:30:00.000Z'), 'Europe/Paris')).toBe('jeudi 22 janvier 2026 à 18h30');
  });
});

describe('offers', () => {
  it('hold the seat for the tenant’s TTL when the session is far away', () => {
    expect(offerExpiry(session(), policy, now)).toEqual(hours(24));
  });

  it('end the cutoff before the session when the TTL would run past it', () => {
    expect(offerExpiry(session({ startsAt: hours(10) }), policy, now)).toEqual(hours(8));
  });

  it('are not made once the session is within the cutoff: people stay waitlisted', () => {
    expect(offerExpiry(session({ startsAt: hours(2) }), policy, now)).toBeNull();
    expect(canPromote(session({ startsAt: hours(1) }), policy, now)).toBe(false);
    expect(canPromote(session({ status: 'cancelled' }), policy, now)).toBe(false);
    expect(canPromote(session(), policy, now)).toBe(true);
  });
});

describe('late cancellation', () => {
  it('is a cancellation within the tenant’s window before the start', () => {
    expect(isLateCancellation(session({ startsAt: hours(23) }), policy, now)).toBe(true);
    expect(isLateCancellation(session({ startsAt: hours(25) }), policy, now)).toBe(false);
  });
});
