import { PracticeMode, practiceModeAudience } from '@respire/contracts';
import { PublicSession } from '../../upstream/catalog.client';
import { audience, frenchTime, longDate, longDateTime, monthName, price } from './french';

export interface ProgrammeFilters {
  /** A category's name, or null for all. */
  category: string | null;
  /** YYYY-MM, or null for all months. */
  month: string | null;
}

export interface SessionLine {
  id: string;
  date: string;
  time: string;
  venue: string;
  places: string;
  /** Who this date is for by practice mode, when it says (« libéraux uniquement »). */
  rule: string | null;
  full: boolean;
  open: boolean;
  /** Why one cannot register yet, or any more, when closed. */
  closedReason: string | null;
}

export interface ActivityBlock {
  id: string;
  title: string;
  objective: string | null;
  confidential: boolean;
  audience: string;
  price: string;
  /** A price to pay: the page says how (the CPTS's payment instructions). */
  paid: boolean;
  registerUrl: string | null;
  sessions: SessionLine[];
}

export interface CategoryBlock {
  name: string;
  activities: ActivityBlock[];
}

export interface Option {
  value: string;
  label: string;
  selected: boolean;
}

export interface ProgrammeView {
  categories: CategoryBlock[];
  categoryOptions: Option[];
  monthOptions: Option[];
  sessionCount: number;
  filtered: boolean;
}

/**
 * The public programme as the page shows it: sessions grouped by category (alphabetical) then
 * activity (by its next date), filtered by category and month. A confidential activity shows
 * whether seats are left, never how many (counts would tell who registered).
 */
export function programmeView(
  sessions: readonly PublicSession[],
  filters: ProgrammeFilters,
  slug: string,
): ProgrammeView {
  const upcoming = sessions.filter((s) => s.status === 'published');
  const categoryNames = [...new Set(upcoming.map((s) => s.activity.category))].sort((a, b) =>
    a.localeCompare(b, 'fr'),
  );
  const months = [...new Set(upcoming.map((s) => s.localDate.slice(0, 7)))].sort();
  const category = filters.category && categoryNames.includes(filters.category) ? filters.category : null;
  const month = filters.month && months.includes(filters.month) ? filters.month : null;
  const shown = upcoming
    .filter(
      (s) => (!category || s.activity.category === category) && (!month || s.localDate.startsWith(month)),
    )
    .sort((a, b) => a.startsAt.localeCompare(b.startsAt));

  const categories = new Map<string, Map<string, ActivityBlock>>();
  for (const session of shown) {
    const activities = categories.get(session.activity.category) ?? new Map<string, ActivityBlock>();
    categories.set(session.activity.category, activities);
    let block = activities.get(session.activity.id);
    if (!block) {
      block = {
        id: session.activity.id,
        title: session.activity.title,
        objective: session.activity.objective,
        confidential: session.activity.confidential,
        audience: audience(session.eligibleProfessions, session.eligiblePracticeModes ?? []),
        price: price(session.priceCents),
        paid: session.priceCents > 0,
        registerUrl: null,
        sessions: [],
      };
      activities.set(session.activity.id, block);
    }
    block.sessions.push(sessionLine(session));
    if (session.registrationOpen && !block.registerUrl)
      block.registerUrl = registrationUrl(slug, session.activity.id);
  }

  return {
    categories: [...categories.entries()]
      .sort(([a], [b]) => a.localeCompare(b, 'fr'))
      .map(([name, activities]) => ({ name, activities: [...activities.values()] })),
    categoryOptions: categoryNames.map((name) => ({ value: name, label: name, selected: name === category })),
    monthOptions: months.map((value) => ({ value, label: monthName(value), selected: value === month })),
    sessionCount: shown.length,
    filtered: Boolean(category || month),
  };
}

export function registrationUrl(slug: string, activityId: string, sessionId?: string): string {
  return `/${slug}/activites/${activityId}/inscription${sessionId ? `?seance=${sessionId}` : ''}`;
}

export function sessionLine(session: PublicSession): SessionLine {
  return {
    id: session.id,
    date: longDate(session.localDate),
    time: `${frenchTime(session.localStartTime)} – ${frenchTime(session.localEndTime)}`,
    venue: [session.venue.name, session.venue.address].filter(Boolean).join(', '),
    places: placesText(session),
    rule: practiceModeAudience((session.eligiblePracticeModes ?? []) as PracticeMode[]),
    full: session.full,
    open: session.registrationOpen,
    closedReason: session.registrationOpen ? null : closedReason(session),
  };
}

function placesText(session: PublicSession): string {
  // Individual support lists free slots only (catalog leaves taken ones out): nothing to count.
  if (session.activity.individual) return 'Créneau libre';
  if (session.full) return 'Complet — liste d’attente';
  if (session.placesLeft === null) return 'Places disponibles';
  return session.placesLeft === 1 ? '1 place restante' : `${session.placesLeft} places restantes`;
}

function closedReason(session: PublicSession): string {
  if (session.registrationOpensAt && new Date(session.registrationOpensAt) > new Date()) {
    return `Inscriptions à partir du ${longDateTime(session.registrationOpensAt, session.timezone)}`;
  }
  return 'Inscriptions closes';
}
