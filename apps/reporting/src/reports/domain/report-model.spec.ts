import { emptyPeople, PeopleFigures, ScopeSession, slicesOf } from './report-figures';
import { GROUP_DIMENSIONS, participantKeyOf, SESSION_ROWS_LAYOUT } from './report-groups';
import { QUARTER_PEOPLE } from '../../../test/scripted-history';
import { ReportModel } from './report-model';

let counter = 0;
function session(
  overrides: Partial<Omit<ScopeSession, 'people'>> & { people?: Partial<PeopleFigures> },
): ScopeSession {
  counter += 1;
  const { people, ...rest } = overrides;
  const base = emptyPeople();
  const merged = { ...base, ...people };
  return {
    sessionId: `s${String(counter).padStart(3, '0')}`,
    activityId: 'pilates',
    activityTitle: 'Pilates',
    category: 'Énergie & Mouvement',
    confidential: false,
    programmeId: 'prog',
    programmeTitle: "L'instant des soignants",
    venueId: 'souffle',
    venueName: 'Le Don du Souffle',
    month: '2026-01',
    localDate: '2026-01-22',
    startsAt: `2026-01-22T17:${String(counter % 60).padStart(2, '0')}:00.000Z`,
    endsAt: '2026-01-22T18:30:00.000Z',
    status: 'completed',
    capacity: 10,
    held: true,
    ...rest,
    people: merged,
  };
}

/** A consistent set of figures: 10 confirmed of whom `attended` came, `waiting` left on the waitlist. */
function full(attended: number, noShows: number, extra: Partial<PeopleFigures> = {}): Partial<PeopleFigures> {
  const cancellations = extra.cancellations ?? 0;
  const stillWaiting = extra.stillWaiting ?? 0;
  return {
    registrations: attended + noShows + cancellations + stillWaiting,
    confirmed: attended + noShows,
    attended,
    noShows,
    cancellations,
    cancelledByParticipant: cancellations,
    stillWaiting,
    waitlisted: stillWaiting,
    unservedAtStart: stillWaiting,
    ...extra,
  };
}

describe('ReportModel', () => {
  it('rolls sessions up into activities, categories, programmes, months, venues and totals', () => {
    const model = ReportModel.build(
      {
        sessions: [
          session({ people: full(8, 0) }),
          session({ month: '2026-02', localDate: '2026-02-05', people: full(9, 0) }),
          session({
            activityId: 'sophro',
            activityTitle: 'Sophrologie',
            category: 'Sophrologie',
            venueId: 'msp',
            venueName: 'Maison de santé',
            month: '2026-02',
            people: full(6, 0),
          }),
        ],
      },
      SESSION_ROWS_LAYOUT,
    );
    const attended = (rows: { label: string; figures: { attended: unknown } }[]) =>
      Object.fromEntries(rows.map((row) => [row.label, row.figures.attended]));

    expect(attended(model.rows('activity'))).toEqual({ Pilates: 17, Sophrologie: 6 });
    expect(attended(model.rows('category'))).toEqual({ 'Énergie & Mouvement': 17, Sophrologie: 6 });
    expect(attended(model.rows('programme'))).toEqual({ "L'instant des soignants": 23 });
    expect(attended(model.rows('month'))).toEqual({ '2026-01': 8, '2026-02': 15 });
    expect(attended(model.rows('venue'))).toEqual({ 'Le Don du Souffle': 17, 'Maison de santé': 6 });
    expect(model.total().figures).toMatchObject({
      sessions: 3,
      sessionsHeld: 3,
      placesOffered: 30,
      attended: 23,
      confirmed: 23,
    });
    expect(model.total().figures.fillRate).toBeCloseTo(23 / 30, 4);
    expect(model.total().figures.attendanceRate).toBe(1);
    expect(model.sessions().map((row) => row.figures.attended)).toEqual([8, 9, 6]);
    expect(model.disclosedCount()).toBe(0);
  });

  it('keeps confidential activities out of sessions, months, venues and profiles, but counts them per activity and in totals', () => {
    const model = ReportModel.build(
      {
        sessions: [
          session({ people: full(8, 0) }),
          session({
            activityId: 'parole',
            activityTitle: 'Groupe de parole',
            category: 'Gestion des émotions',
            confidential: true,
            people: full(7, 0),
          }),
        ],
      },
      SESSION_ROWS_LAYOUT,
    );
    expect(model.sessions().map((row) => row.session.activityId)).toEqual(['pilates']);
    expect(model.rows('month').map((row) => row.figures.attended)).toEqual([8]);
    expect(model.rows('venue').map((row) => row.figures.attended)).toEqual([8]);
    expect(model.totalNonConfidential().figures.attended).toBe(8);
    expect(model.rows('activity').map((row) => [row.label, row.confidential, row.figures.attended])).toEqual([
      ['Groupe de parole', true, 7],
      ['Pilates', false, 8],
    ]);
    expect(model.total().figures.attended).toBe(15);
  });

  it('shows individual support as its whole activity, never slot by slot', () => {
    const model = ReportModel.build(
      {
        sessions: [
          session({ people: full(8, 0) }),
          ...[1, 2, 3].map(() =>
            session({
              activityId: 'ecoute',
              activityTitle: 'Accompagnement individuel',
              capacity: 1,
              individual: true,
              people: full(1, 0),
            }),
          ),
        ],
      },
      SESSION_ROWS_LAYOUT,
    );
    expect(model.sessions().map((row) => row.session.activityId)).toEqual(['pilates']);
    expect(model.rows('activity').map((row) => [row.label, row.figures.sessions])).toEqual([
      ['Accompagnement individuel', 3],
      ['Pilates', 1],
    ]);
    expect(model.total().figures.sessions).toBe(4);
  });

  it('hides small counts everywhere they appear, with rates that would reveal them', () => {
    const model = ReportModel.build(
      {
        sessions: [
          session({ people: full(8, 2) }),
          session({ people: full(9, 0) }),
          session({ people: full(7, 0) }),
        ],
      },
      SESSION_ROWS_LAYOUT,
    );
    const [first] = model.sessions();
    expect(first.figures.noShows).toBe('<5');
    expect(first.figures.attendanceRate).toBeNull();
    expect(first.figures.noShowRate).toBeNull();
    // The activity total of no-shows is 2 too: hidden, and so is its rate.
    expect(model.rows('activity')[0].figures.noShows).toBe('<5');
    expect(model.disclosedCount()).toBe(0);
  });

  it('does not let a hidden activity be recovered from its category minus its visible sibling', () => {
    const model = ReportModel.build({
      sessions: [
        session({
          activityId: 'sophro',
          activityTitle: 'Sophrologie',
          category: 'Gestion des émotions',
          people: full(3, 0),
        }),
        session({
          activityId: 'art',
          activityTitle: 'Art-thérapie',
          category: 'Gestion des émotions',
          people: full(10, 0),
        }),
        session({ people: full(25, 0) }),
      ],
    });
    const byLabel = Object.fromEntries(
      model.rows('activity').map((row) => [row.label, row.figures.attended]),
    );
    const category = model.rows('category').find((row) => row.label === 'Gestion des émotions')!;
    expect(byLabel['Sophrologie']).toBe('<5');
    // 13 − 10 would give the 3 away: either the sibling or the category total is hidden as well.
    expect(typeof byLabel['Art-thérapie'] === 'number' && typeof category.figures.attended === 'number').toBe(
      false,
    );
    expect(model.disclosedCount()).toBe(0);
  });

  it('counts unmet demand by activity and month, with the extra sessions that would have served it', () => {
    const model = ReportModel.build({
      sessions: [
        session({ capacity: 10, people: full(10, 0, { stillWaiting: 7 }) }),
        session({ capacity: 10, people: full(10, 0, { stillWaiting: 6 }) }),
        session({ month: '2026-02', capacity: 10, people: full(10, 0, { stillWaiting: 5 }) }),
        session({ month: '2026-03', held: false, status: 'published', people: full(0, 0, { confirmed: 0 }) }),
        session({
          activityId: 'parole',
          activityTitle: 'Groupe de parole',
          confidential: true,
          capacity: 8,
          people: full(8, 0, { stillWaiting: 9 }),
        }),
      ],
    });
    const { rows, activities, total } = model.unmetDemand();
    expect(rows).toEqual([
      {
        activityId: 'pilates',
        activityTitle: 'Pilates',
        confidential: false,
        month: '2026-01',
        sessionsHeld: 2,
        averageCapacity: 10,
        unservedAtStart: 13,
        extraSessionsNeeded: 2,
      },
      {
        activityId: 'pilates',
        activityTitle: 'Pilates',
        confidential: false,
        month: '2026-02',
        sessionsHeld: 1,
        averageCapacity: 10,
        unservedAtStart: 5,
        extraSessionsNeeded: 1,
      },
    ]);
    expect(activities).toEqual([
      {
        activityId: 'parole',
        activityTitle: 'Groupe de parole',
        confidential: true,
        month: null,
        sessionsHeld: 1,
        averageCapacity: 8,
        unservedAtStart: 9,
        extraSessionsNeeded: 2,
      },
      {
        activityId: 'pilates',
        activityTitle: 'Pilates',
        confidential: false,
        month: null,
        sessionsHeld: 3,
        averageCapacity: 10,
        unservedAtStart: 18,
        extraSessionsNeeded: 2,
      },
    ]);
    expect(total).toEqual({
      unservedAtStart: 27,
      extraSessionsNeeded: 4,
      method: 'per-activity',
      activitiesHidden: 0,
    });
  });

  it('hides a profession with fewer than 5 participants and one more cell so the total does not give it away', () => {
    const model = ReportModel.build({
      sessions: [session({ people: full(22, 0) })],
      participants: new Map([[participantKeyOf('totalNonConfidential'), { unique: 22, returning: 0 }]]),
      profiles: {
        profession: new Map([
          ['infirmier', 12],
          ['medecin', 7],
          ['kinesitherapeute', 3],
        ]),
        practiceMode: new Map([
          ['liberal', 15],
          ['salarie', 7],
        ]),
        department: new Map([['25', 22]]),
      },
    });
    const profiles = model.profiles()!;
    expect(profiles.participants).toBe(22);
    expect(Object.fromEntries(profiles.byProfession.map((p) => [p.value, p.participants]))).toEqual({
      medecin: 7,
      infirmier: 12,
      kinesitherapeute: '<5',
      psychologue: '<5', // the complementary cell: 22 − 12 − 7 no longer gives 3
      'sage-femme': 0,
      pharmacien: 0,
      'chirurgien-dentiste': 0,
      orthophoniste: 0,
      dieteticien: 0,
      autre: 0,
    });
    expect(profiles.byPracticeMode.map((p) => p.participants)).toEqual([15, 7, 0, 0]);
    expect(profiles.byDepartment).toEqual([{ value: '25', participants: 22 }]);
    expect(model.disclosedCount()).toBe(0);
  });

  it('shows a mean rating only when no cell of its distribution is hidden', () => {
    const model = ReportModel.build({
      sessions: [
        session({ people: full(20, 0) }),
        session({
          activityId: 'parole',
          activityTitle: 'Groupe de parole',
          confidential: true,
          people: full(6, 0),
        }),
      ],
      ratings: [
        { activityId: 'pilates', rating: 5, count: 6 },
        { activityId: 'pilates', rating: 4, count: 5 },
        { activityId: 'parole', rating: 5, count: 2 },
      ],
    });
    const view = model.satisfaction()!;
    const pilates = view.activities.find((a) => a.activityId === 'pilates')!;
    const parole = view.activities.find((a) => a.activityId === 'parole')!;
    expect(parole.distribution['5']).toBe('<5');
    expect(parole.mean).toBeNull();
    // Rating 5 is 8 in total: 6 for pilates would give the 2 away, so it is hidden too, and the mean with it.
    expect(pilates.distribution['5']).not.toBe(6);
    expect(pilates.mean).toBeNull();
    expect(model.disclosedCount()).toBe(0);

    const alone = ReportModel.build({
      sessions: [session({ people: full(20, 0) })],
      ratings: [
        { activityId: 'pilates', rating: 5, count: 6 },
        { activityId: 'pilates', rating: 4, count: 5 },
      ],
    }).satisfaction()!;
    expect(alone.activities[0]).toMatchObject({
      responses: 11,
      distribution: { '1': 0, '2': 0, '3': 0, '4': 5, '5': 6 },
      mean: 4.55,
    });
    expect(alone.total.mean).toBe(4.55);
  });

  it('hides session and month detail before totals: a quarter with small cells keeps its headline figures', () => {
    // The integration test's scripted quarter (three activities, one confidential, one cancelled session).
    const parole = {
      activityId: 'parole',
      activityTitle: 'Groupe de parole',
      category: 'Gestion des Émotions',
      confidential: true,
      capacity: 8,
      venueId: 'msp',
    };
    const quarter = [
      session({
        month: '2026-01',
        people: QUARTER_PEOPLE.S1,
      }),
      session({
        month: '2026-02',
        people: QUARTER_PEOPLE.S2,
      }),
      session({
        month: '2026-02',
        venueId: 'msp',
        venueName: 'Maison de santé',
        status: 'cancelled',
        held: false,
        people: QUARTER_PEOPLE.S3,
      }),
      session({ ...parole, people: QUARTER_PEOPLE.S4 }),
      session({ ...parole, month: '2026-02', people: QUARTER_PEOPLE.S6 }),
      session({
        activityId: 'sophro',
        activityTitle: 'Sophrologie',
        category: 'Gestion des Émotions',
        programmeId: 'q',
        programmeTitle: 'Autre',
        capacity: 6,
        month: '2026-03',
        people: QUARTER_PEOPLE.S5,
      }),
    ];
    const model = ReportModel.build({ sessions: quarter });
    expect(model.total().figures).toMatchObject({
      registrations: 52,
      confirmed: 35,
      noShows: '<5',
      cancellations: 6,
      waitlisted: 14,
      unservedAtStart: 9,
      offersMade: 5,
    });
    // 4 no-shows in all: with 35 confirmed and attendance closed, 31 attended would give them away.
    expect(model.total().figures.attended).toBe('≥5');
    expect(model.total().figures.attendanceRate).toBeNull();
    expect(model.disclosedCount()).toBe(0);
  });
  it('protects the cells a report of totals shows: no hidden month or activity worked out from a shown total', () => {
    const model = ReportModel.build({
      sessions: [
        session({ month: '2026-01', people: full(12, 0) }),
        session({ month: '2026-02', people: full(3, 0) }),
        session({ month: '2026-03', people: full(9, 0) }),
        session({
          activityId: 'sophro',
          activityTitle: 'Sophrologie',
          month: '2026-03',
          people: full(20, 0),
        }),
      ],
    });
    const months = model.rows('month').map((row) => row.figures.attended);
    const total = model.totalNonConfidential().figures.attended;
    expect(months[1]).toBe('<5');
    // 44 − 12 − 29 would give February's 3 away: another month, or the total, is hidden with it.
    expect([months[0], months[2], total].filter((value) => typeof value !== 'number')).toHaveLength(1);
    expect(model.rows('activity').map((row) => row.figures.attended)).toEqual([24, 20]);
    expect(model.disclosedCount()).toBe(0);
  });

  it('lays the same figures out from the database’s slices as from the sessions summed here, in any order', () => {
    const sessions = scope(7);
    const fromSessions = ReportModel.build({ sessions });
    const fromSlices = ReportModel.build({ slices: slicesOf(sessions).reverse() });
    for (const dimension of GROUP_DIMENSIONS)
      expect(fromSlices.rows(dimension)).toEqual(fromSessions.rows(dimension));
    expect(fromSlices.total()).toEqual(fromSessions.total());
    expect(fromSlices.unmetDemand()).toEqual(fromSessions.unmetDemand());
  });

  it('keeps every report of a scope consistent: the session list shows each group as the totals do, and the two together give nothing away', () => {
    let withheld = 0;
    for (let run = 0; run < 400; run++) {
      const sessions = scope(run);
      const totals = ReportModel.build({ sessions });
      const list = ReportModel.build({ sessions }, SESSION_ROWS_LAYOUT);
      expect(totals.disclosedCount()).toBe(0);
      // The list's table holds the groups' figures as the totals show them: its audit covers both.
      // When no way was found cell by cell (rarely, on tiny scopes), the list shows no session.
      if (list.withheld) expect(list.sessions()).toEqual([]);
      else expect(list.disclosedCount()).toBe(0);
      withheld += list.withheld ? 1 : 0;
      for (const dimension of GROUP_DIMENSIONS) expect(list.rows(dimension)).toEqual(totals.rows(dimension));
      expect(list.total()).toEqual(totals.total());
      expect(list.unmetDemand()).toEqual(totals.unmetDemand());
      for (const row of list.sessions()) {
        for (const [metric, value] of Object.entries(row.session.people)) {
          const shown = row.figures[metric as keyof PeopleFigures];
          if (value >= 1 && value < 5) expect(shown).toBe('<5');
          else if (typeof shown === 'number') expect(shown).toBe(value);
        }
      }
    }
    expect(withheld).toBeLessThanOrEqual(2);
  });
});

/** A random scope (seeded): a few activities, one confidential, over three months and two venues, with small counts. */
function scope(seed: number): ScopeSession[] {
  let state = seed + 1;
  const random = () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
  const small = () => (random() < 0.4 ? Math.floor(random() * 5) : Math.floor(random() * 12));
  const activities = [
    { activityId: 'pilates', activityTitle: 'Pilates', category: 'Mouvement', confidential: false },
    { activityId: 'sophro', activityTitle: 'Sophrologie', category: 'Émotions', confidential: false },
    { activityId: 'yoga', activityTitle: 'Yoga', category: 'Mouvement', confidential: false },
    { activityId: 'parole', activityTitle: 'Groupe de parole', category: 'Émotions', confidential: true },
  ];
  return Array.from({ length: 4 + Math.floor(random() * 10) }, () => {
    const activity = activities[Math.floor(random() * activities.length)];
    const month = `2026-0${1 + Math.floor(random() * 3)}`;
    const [attended, noShows, stillWaiting] = [small(), small(), small()];
    const cancellations = small();
    const byCoordinator = Math.floor(random() * (cancellations + 1));
    return session({
      ...activity,
      month,
      localDate: `${month}-15`,
      venueId: random() < 0.5 ? 'souffle' : 'msp',
      held: random() < 0.8,
      people: {
        ...full(attended, noShows, { stillWaiting }),
        cancellations,
        cancelledByParticipant: cancellations - byCoordinator,
        cancelledByCoordinator: byCoordinator,
        registrations: attended + noShows + cancellations + stillWaiting,
      },
    });
  });
}
