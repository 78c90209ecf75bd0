import { PublicSession } from '../../upstream/catalog.client';

export type PublicSessionOverrides = Partial<PublicSession> & {
  activityId?: string;
  title?: string;
  category?: string;
  objective?: string;
  confidential?: boolean;
};

/** A published session as catalog's public programme answers it (unit tests of the pages). */
export function publicSession(overrides: PublicSessionOverrides = {}): PublicSession {
  const {
    title = 'Cardio boxing',
    category = 'Énergie & Mouvement',
    objective = 'Se défouler après la journée',
    confidential = false,
    ...rest
  } = overrides;
  const { activityId = `a-${title}`, ...fields } = rest;
  return {
    id: 's1',
    status: 'published',
    activity: { id: activityId, title, category, objective, confidential },
    venue: { name: 'Association Le Don du Souffle', address: '2 rue de l’Exemple, 25000 Besançon' },
    programme: null,
    startsAt: '2027-01-28T17:30:00.000Z',
    endsAt: '2027-01-28T18:30:00.000Z',
    timezone: 'Europe/Paris',
    localDate: '2027-01-28',
    localStartTime: '18:30',
    localEndTime: '19:30',
    capacity: 12,
    placesLeft: 3,
    full: false,
    registrationOpen: true,
    registrationOpensAt: null,
    registrationClosesAt: null,
    eligibleProfessions: [],
    priceCents: 0,
    sequence: 0,
    ...fields,
  };
}
