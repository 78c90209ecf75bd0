import { PARTICIPANT_LINK_PAGES, ParticipantLinkAction } from '@respire/platform';
import { longDateTime } from '../programme/domain/french';
import { LinkedRegistration } from '../upstream/registration.client';

const ACTION_OF_PAGE = new Map(
  Object.entries(PARTICIPANT_LINK_PAGES).map(([action, segment]) => [
    segment as string,
    action as ParticipantLinkAction,
  ]),
);

/** The link page a path segment names (`annuler` → cancel), or null. */
export function actionOfPage(page: string): ParticipantLinkAction | null {
  return ACTION_OF_PAGE.get(page) ?? null;
}

export interface LinkPageText {
  heading: string;
  paragraphs: string[];
  /** The button, when the action can still be done; null: the page only explains. */
  button: string | null;
  warning?: boolean;
}

/**
 * What a link page says, from the registration's state: the action and its button when it can
 * still be done, else why not. Nothing acts before the person presses the button (mail
 * scanners open links).
 */
export function linkPageText(action: ParticipantLinkAction, r: LinkedRegistration): LinkPageText {
  const held = r.status === 'confirmed' || r.status === 'waitlisted' || r.status === 'offered';
  const over = r.session.status !== 'published' || new Date(r.session.startsAt) <= new Date();
  switch (action) {
    case 'cancel':
      if (!held)
        return {
          heading: 'Inscription déjà annulée',
          paragraphs: ['Cette inscription n’est plus active : il n’y a rien à annuler.'],
          button: null,
        };
      if (over)
        return {
          heading: 'Séance commencée',
          paragraphs: ['Cette séance a commencé ou est terminée : l’inscription ne peut plus être annulée.'],
          button: null,
        };
      return {
        heading: r.status === 'waitlisted' ? 'Quitter la liste d’attente' : 'Annuler mon inscription',
        paragraphs: [
          r.status === 'waitlisted'
            ? `Vous êtes n° ${r.waitlistPosition ?? '?'} sur la liste d’attente de cette séance. Vous pouvez la quitter.`
            : 'Vous ne pouvez plus venir ? Annulez : votre place sera proposée à la personne suivante.',
        ],
        button: r.status === 'waitlisted' ? 'Quitter la liste d’attente' : 'Annuler mon inscription',
        warning: true,
      };
    case 'accept':
    case 'decline':
      if (r.status !== 'offered') {
        return {
          heading: 'Proposition plus valable',
          paragraphs: [
            r.status === 'confirmed'
              ? 'Cette place est déjà à vous : votre inscription est confirmée.'
              : 'Cette proposition de place n’est plus valable (délai passé ou réponse déjà donnée).',
          ],
          button: null,
        };
      }
      return action === 'accept'
        ? {
            heading: 'Une place s’est libérée pour vous',
            paragraphs: [
              `Elle vous est réservée jusqu’au ${longDateTime(r.offerExpiresAt!, r.session.timezone)}. Confirmez pour la prendre.`,
            ],
            button: 'J’accepte la place',
          }
        : {
            heading: 'Décliner la place proposée',
            paragraphs: ['Vous ne pouvez pas venir ? La place sera proposée à la personne suivante.'],
            button: 'Je décline la place',
            warning: true,
          };
    case 'feedback':
      if (r.feedbackGiven)
        return {
          heading: 'Avis déjà donné',
          paragraphs: ['Merci, votre avis sur cette séance est déjà enregistré.'],
          button: null,
        };
      if (r.status !== 'attended') {
        return {
          heading: 'Votre avis sur la séance',
          paragraphs: ['Vous pourrez donner votre avis une fois votre présence à la séance enregistrée.'],
          button: null,
        };
      }
      return {
        heading: 'Votre avis sur la séance',
        paragraphs: ['Votre avis aide la CPTS à améliorer les ateliers. Il est enregistré sans votre nom.'],
        button: 'Envoyer mon avis',
      };
  }
}

/** The session as a link page shows it: a confidential one is not named (as in the mails). */
export function linkedSessionView(r: LinkedRegistration) {
  return {
    title: r.session.confidential ? null : r.session.title,
    when: capitalised(longDateTime(r.session.startsAt, r.session.timezone)),
    venue: [r.session.venue.name, r.session.venue.address].filter(Boolean).join(', '),
  };
}

function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
