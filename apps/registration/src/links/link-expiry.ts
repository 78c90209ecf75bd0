import type { LinkAction } from './link-token';

const DAY_MS = 24 * 3600_000;

/** A certificate link (on "my registrations") works this long after the session: the page is opened with a fresh link anyway. */
export const CERTIFICATE_LINK_DAYS = 365;

/** Feedback is taken for this long after the session ends; the request goes out an hour after it. */
export const FEEDBACK_WINDOW_DAYS = 28;

/**
 * A cancel link is signed to outlive its session's start by this much: the link already mailed
 * (and repeated in each reminder) must still work if the session is moved later. Cancelling
 * itself closes when the session starts, whatever the date in the token (the use case checks the
 * session as it is now).
 */
export const CANCEL_LINK_RESCHEDULE_ALLOWANCE_DAYS = 90;

export interface LinkFacts {
  startsAt: Date;
  endsAt: Date;
  /** For accept/decline: when the offered seat stops being held (offers are only ever shortened). */
  offerExpiresAt?: Date | null;
}

/** When a participant link for `action` stops working, written into its token when it is minted. */
export function linkExpiresAt(action: LinkAction, facts: LinkFacts): Date {
  switch (action) {
    case 'cancel':
      return new Date(facts.startsAt.getTime() + CANCEL_LINK_RESCHEDULE_ALLOWANCE_DAYS * DAY_MS);
    case 'accept':
    case 'decline':
      return facts.offerExpiresAt ?? facts.startsAt;
    case 'feedback':
      return feedbackClosesAt(facts.endsAt);
    case 'certificate':
      return new Date(facts.endsAt.getTime() + CERTIFICATE_LINK_DAYS * DAY_MS);
  }
}

/** The end of the feedback window of a session that ended at `endsAt`. */
export function feedbackClosesAt(endsAt: Date): Date {
  return new Date(endsAt.getTime() + FEEDBACK_WINDOW_DAYS * DAY_MS);
}

/** What an expired link says, in French, for each action. */
export const EXPIRED_LINK_MESSAGES: Record<LinkAction, string> = {
  cancel:
    'Ce lien d’annulation a expiré : la séance a commencé ou est passée. Pour toute question, contactez votre CPTS.',
  accept: 'Cette proposition a expiré : la place a été proposée à la personne suivante.',
  decline: 'Cette proposition a expiré : la place a été proposée à la personne suivante.',
  certificate:
    'Ce lien a expiré : demandez un nouveau lien « Mes inscriptions » pour télécharger votre attestation.',
  feedback: `Ce lien a expiré : les avis sont recueillis pendant les ${FEEDBACK_WINDOW_DAYS / 7} semaines qui suivent la séance. Merci de votre intérêt !`,
};
