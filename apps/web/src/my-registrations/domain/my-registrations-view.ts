import { PracticeMode, Profession, PRACTICE_MODE_NAMES, PROFESSION_NAMES } from '@respire/contracts';
import { linkedSessionView } from '../../links/link-pages';
import { longDateTime } from '../../programme/domain/french';
import { OwnPage, OwnRegistration } from '../../upstream/registration.client';

export interface Action {
  /** A link page of this origin: it shows the registration and a button, and acts only when pressed. */
  url: string;
  label: string;
}

export interface RegistrationLine {
  /** Null for a confidential activity: not named, as in the mails and on the link pages. */
  title: string | null;
  when: string;
  venue: string;
  kind: OwnRegistration['status'];
  status: string;
  actions: Action[];
}

/** A session attended, with its attestation de présence (a PDF on this origin). */
export interface CertificateLine {
  title: string | null;
  when: string;
  venue: string;
  url: string;
}

export interface MyRegistrationsView {
  registrations: RegistrationLine[];
  certificates: CertificateLine[];
  details: { label: string; value: string }[];
  /** « mardi 12 janvier 2027 à 10h00 »: until when the page opens with this link. */
  linkExpires: string;
}

/**
 * The "my registrations" page: each current registration with where the person stands and the
 * link page of what they can do about it, then their details. Links point at this origin's link
 * pages (path and token), whatever origin registration wrote into them.
 */
export function myRegistrationsView(page: OwnPage, timezone: string): MyRegistrationsView {
  const { participant } = page;
  return {
    registrations: page.registrations.map((r) => {
      const session = linkedSessionView({ ...r, tenantSlug: null, feedbackGiven: false });
      return { ...session, kind: r.status, status: statusText(r), actions: actionsOf(r) };
    }),
    certificates: (page.attended ?? []).map((r) => ({
      ...linkedSessionView({ ...r, status: 'attended', tenantSlug: null, feedbackGiven: false }),
      url: pathOf(r.links.certificate),
    })),
    details: [
      { label: 'Prénom', value: participant.firstName },
      { label: 'Nom', value: participant.lastName },
      {
        label: 'Profession',
        value: PROFESSION_NAMES[participant.profession as Profession]?.one ?? participant.profession,
      },
      {
        label: 'Mode d’exercice',
        value: PRACTICE_MODE_NAMES[participant.practiceMode as PracticeMode] ?? participant.practiceMode,
      },
      { label: 'Code postal d’exercice', value: participant.postcode },
      { label: 'Adresse e-mail', value: participant.email },
    ],
    linkExpires: longDateTime(page.expiresAt, timezone),
  };
}

function statusText(r: OwnRegistration): string {
  switch (r.status) {
    case 'confirmed':
      return 'Inscription confirmée';
    case 'waitlisted':
      return `Liste d’attente : vous êtes n° ${r.waitlistPosition ?? '?'}`;
    case 'offered':
      return `Une place vous est réservée jusqu’au ${longDateTime(r.offerExpiresAt!, r.session.timezone)}`;
  }
}

function actionsOf(r: OwnRegistration): Action[] {
  if (r.status === 'offered' && r.links.accept && r.links.decline) {
    return [
      { url: pathOf(r.links.accept), label: 'Accepter la place' },
      { url: pathOf(r.links.decline), label: 'Décliner la place' },
    ];
  }
  return [
    {
      url: pathOf(r.links.cancel),
      label: r.status === 'waitlisted' ? 'Quitter la liste d’attente' : 'Annuler mon inscription',
    },
  ];
}

/** `/inscriptions/<id>/annuler?token=…` from the absolute link registration signed. */
export function pathOf(link: string): string {
  const url = new URL(link);
  return `${url.pathname}${url.search}`;
}
