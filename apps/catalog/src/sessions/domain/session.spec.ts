import { FieldProblems, InvalidFieldsError } from '../../common/invalid-fields.error';
import {
  CapacityBelowSeatsTakenError,
  checkRegistrationWindow,
  FieldLockedAfterPublicationError,
  InvalidSessionTransitionError,
  NEW_SESSION_LIFECYCLE,
  Session,
  SessionState,
} from './session';

const now = new Date('2026-11-23T12:00:00Z');

function state(overrides: Partial<SessionState> = {}): SessionState {
  return {
    id: 's-1',
    tenantId: 't-1',
    activityId: 'a-1',
    programmeId: null,
    venueId: 'v-1',
    facilitatorId: null,
    startsAt: new Date('2027-01-28T17:30:00Z'),
    endsAt: new Date('2027-01-28T18:30:00Z'),
    capacity: 12,
    registrationOpensAt: null,
    registrationClosesAt: null,
    eligibleProfessions: [],
    eligiblePracticeModes: [],
    priceCents: 0,
    ...NEW_SESSION_LIFECYCLE,
    ...overrides,
  };
}

describe('a session', () => {
  it('goes from draft to published once; publishing again changes nothing', () => {
    const session = new Session(state());
    expect(session.publish(now)).toBe('published');
    expect(session.state).toMatchObject({ status: 'published', publishedAt: now });
    expect(session.publish(now)).toBe('unchanged');
  });

  it('cannot be published once cancelled or completed', () => {
    expect(() => new Session(state({ status: 'cancelled' })).publish(now)).toThrow(
      InvalidSessionTransitionError,
    );
    expect(() => new Session(state({ status: 'completed' })).publish(now)).toThrow(
      InvalidSessionTransitionError,
    );
  });

  it('tells a published cancellation from a discarded draft, and cancels once', () => {
    expect(new Session(state({ status: 'published' })).cancel('malade', now)).toBe('cancelled');
    expect(new Session(state()).cancel(null, now)).toBe('discarded-draft');
    expect(new Session(state({ status: 'cancelled' })).cancel(null, now)).toBe('unchanged');
    expect(() => new Session(state({ status: 'completed' })).cancel(null, now)).toThrow(
      InvalidSessionTransitionError,
    );
  });

  it('is completed only when published and over', () => {
    const over = state({
      status: 'published',
      startsAt: new Date('2026-11-20T17:30:00Z'),
      endsAt: new Date('2026-11-20T18:30:00Z'),
    });
    expect(new Session(over).complete(now)).toBe('completed');
    expect(new Session({ ...over, status: 'completed' }).complete(now)).toBe('unchanged');
    expect(() => new Session(state({ status: 'published' })).complete(now)).toThrow(/pas encore terminée/);
    expect(() => new Session({ ...over, status: 'draft' }).complete(now)).toThrow(
      InvalidSessionTransitionError,
    );
  });

  it('bumps the sequence of a published session at each move, and says where it was', () => {
    const session = new Session(state({ status: 'published' }));
    const problems = new FieldProblems();
    const previous = session.move(
      {
        startsAt: new Date('2027-02-04T17:30:00Z'),
        endsAt: new Date('2027-02-04T18:30:00Z'),
        venueId: 'v-2',
      },
      now,
      problems,
      { when: ['date'] },
    );
    expect(previous).toEqual({
      startsAt: new Date('2027-01-28T17:30:00Z'),
      endsAt: new Date('2027-01-28T18:30:00Z'),
      venueId: 'v-1',
    });
    expect(session.state.sequence).toBe(1);
    expect(session.move({ ...session.state }, now, problems, { when: [] })).toBeNull();
    expect(problems.isEmpty).toBe(true);
  });

  it('refuses to move a published session into the past, naming the fields', () => {
    const session = new Session(state({ status: 'published' }));
    const problems = new FieldProblems();
    const moved = session.move(
      {
        startsAt: new Date('2026-11-01T17:30:00Z'),
        endsAt: new Date('2026-11-01T18:30:00Z'),
        venueId: 'v-1',
      },
      now,
      problems,
      { when: ['date'] },
    );
    expect(moved).toBeNull();
    expect(() => problems.throwIfAny()).toThrow(InvalidFieldsError);
    expect(session.state.sequence).toBe(0);
  });

  it('never shrinks below the seats already held', () => {
    const session = new Session(state({ status: 'published', seatsTaken: 8 }));
    expect(() => session.resize(7)).toThrow(CapacityBelowSeatsTakenError);
    expect(session.resize(8)).toBe(12);
    expect(session.resize(8)).toBeNull();
  });

  it('locks what other services learnt at publication, but not on a draft', () => {
    expect(() => new Session(state({ status: 'published' })).amendDraftDetails({ priceCents: 500 })).toThrow(
      FieldLockedAfterPublicationError,
    );
    expect(() =>
      new Session(state({ status: 'published' })).amendDraftDetails({
        priceCents: 0,
        eligibleProfessions: [],
      }),
    ).not.toThrow();
    const draft = new Session(state());
    draft.amendDraftDetails({ priceCents: 500, eligibleProfessions: ['infirmier'] });
    expect(draft.state).toMatchObject({ priceCents: 500, eligibleProfessions: ['infirmier'] });
  });
});

describe('the registration window', () => {
  const startsAt = new Date('2027-01-28T17:30:00Z');
  const paths = { opensAt: ['opens'], closesAt: ['closes'] };

  it('closes after it opens and no later than the start', () => {
    const problems = new FieldProblems();
    checkRegistrationWindow(
      { opensAt: new Date('2027-01-10T00:00:00Z'), closesAt: new Date('2027-01-05T00:00:00Z') },
      startsAt,
      problems,
      paths,
    );
    checkRegistrationWindow(
      { opensAt: null, closesAt: new Date('2027-01-28T18:00:00Z') },
      startsAt,
      problems,
      paths,
    );
    expect(() => problems.throwIfAny()).toThrow(/closes/);
  });

  it('accepts open bounds', () => {
    const problems = new FieldProblems();
    checkRegistrationWindow({ opensAt: null, closesAt: null }, startsAt, problems, paths);
    expect(problems.isEmpty).toBe(true);
  });
});
