/**
 * The first path segments the web app serves itself. A CPTS's programme lives at `/<slug>`, so
 * no tenant may take one of these as its slug (catalog refuses them).
 */
export const RESERVED_TENANT_SLUGS: readonly string[] = [
  'alertes',
  'app',
  'assets',
  'docs',
  'embed',
  'health',
  'inscriptions',
  'mes-inscriptions',
  'metrics',
  'preferences',
  'v1',
];

/** The web page each participant link opens, by action (the token names the action). */
export const PARTICIPANT_LINK_PAGES = {
  cancel: 'annuler',
  accept: 'accepter',
  decline: 'decliner',
  feedback: 'avis',
} as const;

export type ParticipantLinkAction = keyof typeof PARTICIPANT_LINK_PAGES;

/** `/inscriptions/<id>/<page>`: where a participant link points, under PUBLIC_BASE_URL. */
export function participantLinkPath(registrationId: string, action: ParticipantLinkAction): string {
  return `/inscriptions/${registrationId}/${PARTICIPANT_LINK_PAGES[action]}`;
}

/**
 * Where a participant downloads their attestation de présence, on the web app's origin (its /v1
 * proxy sends it on to registration); `?token=` any genuine link token of the registration.
 */
export function certificatePath(registrationId: string): string {
  return `/v1/public/registrations/${registrationId}/certificate.pdf`;
}

/** The preferences page (reminders, feedback requests) a message's footer links to. */
export const PREFERENCES_PAGE = '/preferences';

/** The page listing a participant's registrations, reached by the link mailed to them. */
export const MY_REGISTRATIONS_PAGE = '/mes-inscriptions';

/** `/<slug>/enquetes/<surveyId>`: the public page where a survey is answered. */
export function surveyPagePath(tenantSlug: string, surveyId: string): string {
  return `/${tenantSlug}/enquetes/${surveyId}`;
}

/** Where a new-session alert's mailed links lead: confirm it (double opt-in), end it. */
export const ALERT_PAGES = { confirm: '/alertes/confirmer', unsubscribe: '/alertes/desabonnement' } as const;

/** `/<slug>/alertes`: where the programme page's "tell me when new sessions open" form posts. */
export function alertRequestPath(tenantSlug: string): string {
  return `/${tenantSlug}/alertes`;
}
