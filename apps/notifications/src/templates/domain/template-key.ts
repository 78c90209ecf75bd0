/** Every message the service writes. The key names the template (and the delivery log's `template`). */
export enum TemplateKey {
  RegistrationConfirmed = 'registration-confirmed',
  OfferAccepted = 'offer-accepted',
  RegistrationWaitlisted = 'registration-waitlisted',
  RegistrationRepeated = 'registration-repeated',
  AccessLink = 'access-link',
  OfferMade = 'offer-made',
  OfferExpired = 'offer-expired',
  RegistrationCancelled = 'registration-cancelled',
  SessionCancelled = 'session-cancelled',
  SessionRescheduled = 'session-rescheduled',
  Reminder = 'reminder',
  FeedbackRequest = 'feedback-request',
  FacilitatorAttendees = 'facilitator-attendees',
  AlertConfirmation = 'alert-confirmation',
  NewSessionsDigest = 'new-sessions-digest',
  SessionMessage = 'session-message',
}

export const TEMPLATE_KEYS: readonly TemplateKey[] = Object.values(TemplateKey);

export function isTemplateKey(value: string): value is TemplateKey {
  return (TEMPLATE_KEYS as readonly string[]).includes(value);
}
