/** Shared pieces of the registration events' examples (documentation only). */
export const EXAMPLE_IDS = {
  registrationId: '0198c6a2-4b1e-7c3a-9f10-2d5e8a7b6c07',
  sessionId: '0198c6a2-4b1e-7c3a-9f10-2d5e8a7b6c06',
  participantId: '0198c6a2-4b1e-7c3a-9f10-2d5e8a7b6c08',
};

export const EXAMPLE_PAYMENT_REF = {
  paymentId: '0198c6a2-4b1e-7c3a-9f10-2d5e8a7b6c10',
  registrationId: EXAMPLE_IDS.registrationId,
  sessionId: EXAMPLE_IDS.sessionId,
};

export const EXAMPLE_SESSION = {
  title: 'Pilates & respiration',
  confidential: false,
  startsAt: '2026-01-22T17:30:00.000Z',
  endsAt: '2026-01-22T18:30:00.000Z',
  timezone: 'Europe/Paris',
  venue: {
    id: '0198c6a2-4b1e-7c3a-9f10-2d5e8a7b6c04',
    name: 'Association Le Don du Souffle',
    address: '2 rue de l’Exemple, 25000 Besançon',
  },
  sequence: 0,
};

export const EXAMPLE_RECIPIENT = { email: 'claire.martin@example.org', firstName: 'Claire' };

export const EXAMPLE_LINK_BASE = 'https://respire.example.org/p/r/0198c6a2-4b1e-7c3a-9f10-2d5e8a7b6c07';

export const EXAMPLE_SESSION_WITH_CANCEL_LINK = {
  session: EXAMPLE_SESSION,
  links: { cancel: `${EXAMPLE_LINK_BASE}/cancel?t=eyJhbGciOi...` },
};
