/** Dates and times as people read them in France, in the CPTS's time zone. */
const ZONE = 'Europe/Paris';

export function formatDay(instant: string, timeZone = ZONE): string {
  return new Intl.DateTimeFormat('fr-FR', {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    timeZone,
  }).format(new Date(instant));
}

export function formatShortDay(instant: string, timeZone = ZONE): string {
  return new Intl.DateTimeFormat('fr-FR', {
    weekday: 'short',
    day: '2-digit',
    month: '2-digit',
    timeZone,
  }).format(new Date(instant));
}

export function formatTime(instant: string, timeZone = ZONE): string {
  return new Intl.DateTimeFormat('fr-FR', { hour: '2-digit', minute: '2-digit', timeZone })
    .format(new Date(instant))
    .replace(':', 'h');
}

export function formatDateTime(instant: string, timeZone = ZONE): string {
  return `${formatShortDay(instant, timeZone)} à ${formatTime(instant, timeZone)}`;
}

/** "22/01" from "2027-01-22". */
export function formatLocalDate(date: string): string {
  const [, month, day] = date.split('-');
  return `${day}/${month}`;
}

export function plural(count: number, one: string, many: string): string {
  return `${count} ${count <= 1 ? one : many}`;
}

export const PROFESSION_LABELS: Record<string, string> = {
  medecin: 'Médecin',
  infirmier: 'Infirmier·e',
  kinesitherapeute: 'Kinésithérapeute',
  psychologue: 'Psychologue',
  'sage-femme': 'Sage-femme',
  pharmacien: 'Pharmacien·ne',
  'chirurgien-dentiste': 'Chirurgien·ne-dentiste',
  orthophoniste: 'Orthophoniste',
  dieteticien: 'Diététicien·ne',
  autre: 'Autre',
};

export const PRACTICE_MODE_LABELS: Record<string, string> = {
  liberal: 'Libéral',
  salarie: 'Salarié',
  mixte: 'Mixte',
  etudiant: 'Étudiant',
};

export const REGISTRATION_STATUS_LABELS: Record<string, string> = {
  confirmed: 'Inscrit·e',
  waitlisted: 'Liste d’attente',
  offered: 'Place proposée',
  cancelled: 'Annulé',
  expired: 'Proposition expirée',
  attended: 'Présent·e',
  no_show: 'Absent·e',
  declined: 'A décliné',
};

export const SESSION_STATUS_LABELS: Record<string, string> = {
  draft: 'Brouillon',
  published: 'Publiée',
  cancelled: 'Annulée',
  completed: 'Tenue',
};
