import { PublicSession } from '../../upstream/catalog.client';
import { publicSession, PublicSessionOverrides } from './public-session.fixture';
import { programmeView } from './programme-view';

let counter = 0;
function session(overrides: PublicSessionOverrides = {}): PublicSession {
  counter += 1;
  const day = `2027-01-${String(10 + counter).padStart(2, '0')}`;
  return publicSession({
    id: `s${counter}`,
    objective: 'Décompresser',
    venue: { name: 'Association Le Don du Souffle', address: 'Besançon' },
    programme: { title: "L'instant des soignants" },
    startsAt: `${day}T17:30:00.000Z`,
    endsAt: `${day}T18:30:00.000Z`,
    localDate: day,
    capacity: 15,
    placesLeft: 4,
    ...overrides,
  });
}

describe('the programme page', () => {
  it('groups sessions by category (alphabetical), then activity, in date order, with French dates', () => {
    const view = programmeView(
      [
        session({
          title: 'Gestion des Émotions',
          category: 'Gestion des Émotions',
          confidential: true,
          placesLeft: null,
          capacity: null,
        }),
        session({ title: 'Cardio boxing' }),
        session({ title: 'Cardio boxing', full: true, placesLeft: 0 }),
      ],
      { category: null, month: null },
      'capacites-besancon',
    );

    expect(view.categories.map((c) => c.name)).toEqual(['Énergie & Mouvement', 'Gestion des Émotions']);
    const [cardio] = view.categories[0].activities;
    expect(cardio.sessions.map((s) => s.places)).toEqual(['4 places restantes', 'Complet — liste d’attente']);
    expect(cardio.sessions[0]).toMatchObject({
      time: '18h30 – 19h30',
      date: expect.stringMatching(/^\w+ \d+ janvier 2027$/),
    });
    expect(cardio.registerUrl).toBe('/capacites-besancon/activites/a-Cardio boxing/inscription');
    expect(view.categories[1].activities[0].sessions[0].places).toBe('Places disponibles');
  });

  it('filters by category and month, ignoring values that are not in the programme', () => {
    const sessions = [
      session({ localDate: '2027-02-04' }),
      session({ title: 'Stretching', localDate: '2027-03-04' }),
    ];
    expect(programmeView(sessions, { category: null, month: '2027-03' }, 'x').sessionCount).toBe(1);
    expect(programmeView(sessions, { category: 'Inconnue', month: '1999-01' }, 'x')).toMatchObject({
      sessionCount: 2,
      filtered: false,
    });
    expect(
      programmeView(sessions, { category: null, month: null }, 'x').monthOptions.map((o) => o.label),
    ).toEqual(['février 2027', 'mars 2027']);
  });

  it('leaves out sessions already held, and offers no registration when none is open', () => {
    const view = programmeView(
      [session({ status: 'completed' }), session({ title: 'Stretching', registrationOpen: false })],
      { category: null, month: null },
      'x',
    );
    expect(view.sessionCount).toBe(1);
    expect(view.categories[0].activities[0]).toMatchObject({
      registerUrl: null,
      sessions: [{ closedReason: 'Inscriptions closes' }],
    });
  });

  it('says on each date who it is for by practice mode, and lists individual support as free slots', () => {
    const view = programmeView(
      [
        session({ eligiblePracticeModes: ['liberal'] }),
        session({}),
        session({
          title: 'Accompagnement individuel',
          activity: {
            id: 'a-ind',
            title: 'Accompagnement individuel',
            category: 'Soutien',
            objective: null,
            confidential: true,
            individual: true,
          },
          placesLeft: null,
          capacity: null,
        }),
      ],
      { category: null, month: null },
      'x',
    );
    const cardio = view.categories.find((c) => c.name === 'Énergie & Mouvement')!.activities[0];
    expect(cardio.sessions.map((s) => s.rule)).toEqual(['libéraux uniquement', null]);
    expect(view.categories.find((c) => c.name === 'Soutien')!.activities[0].sessions[0].places).toBe(
      'Créneau libre',
    );
  });
});
