import { emptyPeople, PeopleFigures, ScopeSession, sliceOf } from './report-figures';
import { participantKeyOf, ParticipantProfiles } from './report-groups';
import { RegionalCptsInput, RegionalSummary } from './regional-summary';

let counter = 0;
function session(people: Partial<PeopleFigures>, capacity = 20): ScopeSession {
  counter += 1;
  return {
    sessionId: `s${counter}`,
    activityId: 'pilates',
    activityTitle: 'Pilates',
    category: 'Énergie & Mouvement',
    confidential: false,
    programmeId: null,
    programmeTitle: null,
    venueId: null,
    venueName: null,
    month: '2026-01',
    localDate: '2026-01-22',
    startsAt: '2026-01-22T17:00:00.000Z',
    endsAt: '2026-01-22T18:00:00.000Z',
    status: 'completed',
    capacity,
    held: true,
    people: { ...emptyPeople(), ...people },
  };
}

/** A CPTS whose `attended` people all came once, with these professions (all liberal). */
function cpts(name: string, professions: Record<string, number>, noShows = 0): RegionalCptsInput {
  const attended = Object.values(professions).reduce((a, b) => a + b, 0);
  const profiles: ParticipantProfiles = {
    profession: new Map(Object.entries(professions)),
    practiceMode: new Map([['liberal', attended]]),
    department: new Map([['25', attended]]),
  };
  return {
    tenantId: `t-${name}`,
    name,
    input: {
      slices: [
        sliceOf(
          session({ registrations: attended + noShows, confirmed: attended + noShows, attended, noShows }),
        ),
      ],
      participants: new Map([
        [participantKeyOf('total'), { unique: attended, returning: 0 }],
        [participantKeyOf('totalNonConfidential'), { unique: attended, returning: 0 }],
      ]),
      profiles,
    },
  };
}

const profession = (
  row: { figures: { byProfession: { value: string; participants: unknown }[] } },
  value: string,
) => row.figures.byProfession.find((p) => p.value === value)!.participants;

describe('RegionalSummary', () => {
  it('adds the CPTS up into the region, showing every count when none is small', () => {
    const summary = RegionalSummary.build([
      cpts('Besançon', { infirmier: 12, medecin: 8 }),
      cpts('Dijon', { infirmier: 10, medecin: 6 }),
    ]);
    const [besancon, dijon] = summary.cpts();
    expect(besancon.figures.attended).toBe(20);
    expect(dijon.figures.attended).toBe(16);
    expect(summary.combined()).toMatchObject({
      tenantId: null,
      figures: { attended: 36, uniqueParticipants: 36, sessions: 2, placesOffered: 40, fillRate: 0.9 },
    });
    expect(profession(summary.combined(), 'medecin')).toBe(14);
    expect(summary.disclosedCount()).toBe(0);
  });

  it('hides a CPTS’s small count and a complement so that the regional total minus the other CPTS does not give it away', () => {
    // Besançon has 3 psychologists, Dijon 6: the region's 9 − Dijon's 6 would reveal Besançon's 3.
    const summary = RegionalSummary.build([
      cpts('Besançon', { infirmier: 12, psychologue: 3 }),
      cpts('Dijon', { infirmier: 10, psychologue: 6 }),
    ]);
    const [besancon, dijon] = summary.cpts();
    const region = summary.combined();
    expect(profession(besancon, 'psychologue')).toBe('<5');
    // Across CPTS: Dijon's 6 and the region's 9 cannot both show.
    expect(
      [profession(dijon, 'psychologue'), profession(region, 'psychologue')].filter(
        (v) => typeof v === 'number',
      ),
    ).toHaveLength(1);
    expect(profession(dijon, 'psychologue') === 6 && profession(region, 'psychologue') === 9).toBe(false);
    // Within Besançon: its nurses and its total cannot both show (15 − 12 = 3).
    expect(
      typeof profession(besancon, 'infirmier') === 'number' &&
        typeof besancon.figures.profiledParticipants === 'number',
    ).toBe(false);
    expect(summary.disclosedCount()).toBe(0);
    expect(summary.withheld).toBe(false);
  });

  it('protects a CPTS total: its small attendance cannot be worked out as the regional total minus the others', () => {
    // Besançon: 2 came (and no one else registered); Dijon 20. Region 22 − Dijon 20 = 2.
    const summary = RegionalSummary.build([
      cpts('Besançon', { infirmier: 2 }),
      cpts('Dijon', { infirmier: 20 }),
      cpts('Dole', { infirmier: 9 }),
    ]);
    const [besancon, dijon, dole] = summary.cpts();
    const region = summary.combined();
    expect(besancon.figures.attended).toBe('<5');
    expect(besancon.figures.uniqueParticipants).toBe('<5');
    // Region = Besançon + Dijon + Dole: one of the three others is hidden too, or the subtraction gives 2.
    const shown = [dijon.figures.attended, dole.figures.attended, region.figures.attended];
    expect(shown.filter((v) => typeof v === 'number').length).toBeLessThanOrEqual(2);
    // A rate would tell the hidden count too.
    expect(besancon.figures.fillRate).toBeNull();
    expect(besancon.figures.attendanceRate).toBeNull();
    expect(summary.disclosedCount()).toBe(0);
  });

  it('pins nothing when a small count sits in one CPTS only and the region has a single CPTS', () => {
    const summary = RegionalSummary.build([cpts('Besançon', { infirmier: 12, sageFemme: 2 })]);
    const [besancon] = summary.cpts();
    const region = summary.combined();
    expect(profession(besancon, 'sageFemme')).toBe('<5');
    expect(profession(region, 'sageFemme')).toBe('<5');
    expect(summary.disclosedCount()).toBe(0);
  });

  it('holds with no CPTS at all', () => {
    const summary = RegionalSummary.build([]);
    expect(summary.cpts()).toEqual([]);
    expect(summary.combined().figures).toMatchObject({ sessions: 0, attended: 0, uniqueParticipants: 0 });
  });
});
