import { PEOPLE_METRICS, PeopleMetric } from '../domain/report-figures';
import { PublishedFigures } from '../domain/report-model';

/** Column headers coordinators read in exports (French). */
export const FIGURE_LABELS: Record<PeopleMetric | Exclude<keyof PublishedFigures, PeopleMetric>, string> = {
  sessions: 'Séances',
  sessionsHeld: 'Séances tenues',
  sessionsCancelled: 'Séances annulées',
  placesOffered: 'Places offertes',
  registrations: 'Inscriptions',
  confirmed: 'Confirmés',
  attended: 'Présents',
  noShows: 'Absents',
  attendanceOpen: 'Présence non relevée',
  cancellations: 'Annulations',
  cancelledByParticipant: 'Annulations par le participant',
  cancelledByCoordinator: 'Annulations par la coordination',
  cancelledBySession: 'Annulations (séance annulée)',
  lateCancellations: 'Annulations tardives',
  waitlisted: "Inscriptions en liste d'attente",
  stillWaiting: "Encore en liste d'attente",
  unservedAtStart: 'En attente au début de la séance',
  offersMade: 'Places proposées (liste d’attente)',
  offersAccepted: 'Propositions acceptées',
  offersExpired: 'Propositions expirées',
  offersDeclined: 'Propositions déclinées',
  fillRate: 'Taux de remplissage (%)',
  attendanceRate: 'Taux de présence (%)',
  noShowRate: "Taux d'absence (%)",
  uniqueParticipants: 'Participants uniques',
  returningParticipants: 'Participants revenus (2 séances ou plus)',
};

export const FIGURE_ORDER: (keyof PublishedFigures)[] = [
  'sessions',
  'sessionsHeld',
  'sessionsCancelled',
  'placesOffered',
  ...PEOPLE_METRICS,
  'fillRate',
  'attendanceRate',
  'noShowRate',
  'uniqueParticipants',
  'returningParticipants',
];

export const RATE_FIGURES = new Set<keyof PublishedFigures>(['fillRate', 'attendanceRate', 'noShowRate']);

export const PRACTICE_MODE_LABELS: Record<string, string> = {
  liberal: 'Libéral',
  salarie: 'Salarié',
  mixte: 'Mixte',
  etudiant: 'Étudiant',
  inconnu: 'Non renseigné',
};

export const PROFESSION_LABELS: Record<string, string> = {
  medecin: 'Médecin',
  infirmier: 'Infirmier·e',
  kinesitherapeute: 'Masseur-kinésithérapeute',
  psychologue: 'Psychologue',
  'sage-femme': 'Sage-femme',
  pharmacien: 'Pharmacien·ne',
  'chirurgien-dentiste': 'Chirurgien-dentiste',
  orthophoniste: 'Orthophoniste',
  dieteticien: 'Diététicien·ne',
  autre: 'Autre',
  inconnu: 'Non renseigné',
};
